/**
 * Sentence embeddings behind one interface, {@link dev.finerouter.engine.embed.Embedder}: {@link
 * dev.finerouter.engine.embed.OnnxSentenceEmbedder} runs all-MiniLM-L6-v2 (bundled, fp32 or int8) or a model folder on
 * ONNX Runtime, and {@link dev.finerouter.engine.embed.CachedEmbedder} puts the on-disk {@link
 * dev.finerouter.engine.embed.EmbeddingCache} in front of it; vectors come back as row-major {@link
 * dev.finerouter.engine.embed.Embeddings}. A stage: it depends only on {@code stage}, the root package and {@code io}'s
 * {@link dev.finerouter.engine.io.AtomicFiles}. See docs/decisions/0005-embeddings.md and 0015-int8-encoder-option.md.
 */
package dev.finerouter.engine.embed;
