import http from 'node:http';

/**
 * A lean JSON POST over a keep-alive agent (fetch/undici adds about a millisecond per request): the
 * benchmark's interleaved samples, the soak and the overhead runs.
 */
export function postJson(agent: http.Agent, url: string, body: string, timeoutMs?: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
