/**
 * Stage-1 graph building: embeddings, exact k-nearest-neighbour search, preference rankings, rank-biased overlap
 * and the weighted prompt graph (method steps 3–6). Everything works on primitive arrays so that the embedding,
 * describing and caching layers can plug in later.
 */
package dev.finerouter.engine.graph;
