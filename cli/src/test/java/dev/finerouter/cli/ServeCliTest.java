package dev.finerouter.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter serve} refuses bad limits and weak tokens before it opens the bundle or binds a port. */
class ServeCliTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[]{Integer.toString(code), err.toString()};
    }

    @Test
    void aShortTokenFileIsRefusedNamingTheFile() throws Exception {
        Path token = Files.writeString(tmp.resolve("admin.txt"), "secret\n");
        String[] r = run("serve", "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--port", "0", "--admin-token-file", token.toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("--admin-token-file " + token) && r[1].contains("at least 16"), r[1]);
        r = run("serve", "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--port", "0", "--api-token-file", tmp.resolve("missing").toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("cannot read the token"), r[1]);
    }

    @Test
    void badLimitsAreRefused() {
        String[] r = run("serve", "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--port", "0", "--max-prompts", "0");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("max prompts per request must be >= 1"), r[1]);
        r = run("serve", "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--port", "0", "--allowed-host", "http://x/y");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("is not a host name"), r[1]);
    }
}
