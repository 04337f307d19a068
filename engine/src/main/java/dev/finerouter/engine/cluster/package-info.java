/**
 * Stage-1 task discovery: Leiden communities on the prompt graph, iterated over community graphs, MRR rank fusion,
 * the "Others" group and per-task candidate models (method steps 7–11).
 */
package dev.finerouter.engine.cluster;
