import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;
public class ZipBench {
    public static void main(String[] a) throws Exception {
        Path root = Path.of(a[0]);
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(root)) { s.filter(Files::isRegularFile).sorted().forEach(files::add); }
        for (String mode : new String[]{"deflate-all", "store-floats"}) {
            Path out = Path.of("/tmp/zipbench/out-" + mode + ".zip");
            long t0 = System.nanoTime();
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
                for (Path f : files) {
                    String name = root.relativize(f).toString();
                    ZipEntry e = new ZipEntry(name);
                    if (mode.equals("store-floats") && (name.endsWith(".params") || name.endsWith(".f32"))) {
                        CRC32 crc = new CRC32(); byte[] b = new byte[1 << 16]; long size = 0;
                        try (InputStream in = Files.newInputStream(f)) { for (int r; (r = in.read(b)) > 0; ) { crc.update(b, 0, r); size += r; } }
                        e.setMethod(ZipEntry.STORED); e.setSize(size); e.setCompressedSize(size); e.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(e); Files.copy(f, zip); zip.closeEntry();
                }
            }
            System.out.printf("%s: %.1f s, %d bytes%n", mode, (System.nanoTime() - t0) / 1e9, Files.size(out));
            Files.delete(out);
        }
    }
}
