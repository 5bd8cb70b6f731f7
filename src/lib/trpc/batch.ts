/** The most calls one tRPC request may batch: the pages' client sends no more, the server refuses more (400). */
export const maxBatchSize = 20
