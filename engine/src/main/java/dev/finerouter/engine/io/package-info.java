/**
 * Reading and writing routing data: {@link dev.finerouter.engine.io.DatasetLoader} opens a {@code .jsonl} or {@code
 * .csv} file or a folder (through {@link dev.finerouter.engine.io.JsonlDatasetReader}, {@link
 * dev.finerouter.engine.io.CsvDatasetReader} and {@link dev.finerouter.engine.io.ModelsJsonReader} for prices),
 * strictly or leniently, and reports what it skipped; {@link dev.finerouter.engine.io.DataFormatException} names file,
 * line and field; {@link dev.finerouter.engine.io.DatasetWriter} writes the JSONL format deterministically and {@link
 * dev.finerouter.engine.io.AtomicFiles} writes any file atomically. Base layer: it imports only {@code model} and the
 * root package. See docs/data.md and docs/decisions/0003-data-format.md.
 */
package dev.finerouter.engine.io;
