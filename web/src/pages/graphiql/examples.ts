/** Example operations pre-loaded in GraphiQL (one tab each), on the demo data's ids. */
export const EXAMPLES: { query: string; variables?: string }[] = [
  {
    query: `# Who covers a customer now, and whom to call
query WhoCovers($id: ID!) {
  customer(id: $id) {
    name
    coverage { role engineer { name status } }
    escalationPath { order role engineer { name } phone skippedBecause }
  }
}`,
    variables: '{ "id": "cus_cm-urumqi" }',
  },
  {
    query: `# Find anything by name, Latin name or pinyin
query Search { search(text: "wuhan", first: 10) { kind matched node { id } } }`,
  },
  {
    query: `# The attention list, most urgent first
query Attention {
  attention(first: 10) {
    totalCount
    edges { node { score customer { id name } flags { code message } } }
  }
}`,
  },
  {
    query: `# A handoff's checklist and what is left
query Handoff($id: ID!) {
  handoff(id: $id) { status summary { total open done waived } items { kind status customer { name } } }
}`,
    variables: '{ "id": "hof_2026-06-rotation" }',
  },
  {
    query: `# Who am I (roles and regions)
query Me { viewer { actor roles regions seesPersonalData mayWrite } }`,
  },
];
