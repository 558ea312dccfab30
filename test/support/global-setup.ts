import { coveredEnginesLine } from './engines';

export default async function globalSetup(): Promise<void> {
  process.stdout.write(`\n${coveredEnginesLine()}\n`);
}
