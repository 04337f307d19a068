package dev.finerouter.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command and subcommand answers --help and -h with exit 0 and a description; a bare group lists its subcommands. */
class HelpWalkTest {
    private static List<List<String>> paths(CommandLine c, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (var e : c.getSubcommands().entrySet()) {
            if (!e.getValue().getCommandName().equals(e.getKey()) || e.getKey().equals("help")) {
                continue; // aliases and picocli's help command
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            out.addAll(paths(e.getValue(), path));
        }
        return out;
    }

    private static String[] run(List<String> args, int expectedCode) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedCode, code, args + ": " + err);
        return new String[]{out.toString(), err.toString()};
    }

    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> all = paths(new CommandLine(new FineRouterCli()), List.of());
        assertTrue(all.size() > 20, "the walk found the command tree: " + all);
        for (List<String> path : all) {
            for (String flag : new String[]{"--help", "-h"}) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                String text = run(args, 0)[0];
                assertTrue(text.contains("Usage: finerouter " + String.join(" ", path)), args + " printed:\n" + text);
                String afterUsage = text.substring(text.indexOf('\n', text.indexOf("Usage:")));
                assertFalse(afterUsage.isBlank(), args + " has no description");
            }
        }
    }

    /**
     * Every description line is a whole sentence: picocli prints each element of a description on its own line and
     * lists a command in its parent's "Commands:" by the first one, so an element must not stop mid-sentence.
     */
    @Test
    void everyDescriptionIsMadeOfWholeSentences() {
        CommandLine root = new CommandLine(new FineRouterCli());
        List<String> problems = new ArrayList<>();
        List<List<String>> all = paths(root, List.of());
        for (List<String> path : all) {
            CommandLine c = root;
            for (String name : path) {
                c = c.getSubcommands().get(name);
            }
            String[] description = c.getCommandSpec().usageMessage().description();
            if (description.length == 0) {
                problems.add(path + ": no description");
            }
            for (String line : description) {
                String t = line.replace("%n", "").trim();
                if (!t.matches("(?s).*[.!?)]$") || t.endsWith(",)") || !Character.isUpperCase(t.codePointAt(0))) {
                    problems.add(path + ": \"" + t + "\"");
                }
            }
        }
        assertTrue(problems.isEmpty(), "descriptions cut mid-sentence:\n" + String.join("\n", problems));
        String top = run(List.of("--help"), 0)[0].replaceAll("\\s+", " ");
        assertTrue(top.contains("Serve a router bundle over HTTP, with an OpenAI-compatible chat endpoint that routes model \"auto\"."), top);
    }

    /**
     * picocli passes every description through String.format: a bare '%' (e.g. "95% intervals") makes it print a
     * "[picocli WARN] Could not format" line on stderr at every --help and show the text unformatted, so literal
     * percent signs must be written '%%'.
     */
    @Test
    void everyHelpTextFormatsWithoutPicocliWarnings() {
        List<List<String>> all = paths(new CommandLine(new FineRouterCli()), List.of());
        all.add(0, List.of());
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            for (List<String> path : all) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                String text = run(args, 0)[0];
                String warned = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
                if (warned.contains("picocli WARN")) {
                    problems.add(args + ": " + warned.trim());
                }
                captured.reset();
                if (text.contains("%n")) {
                    problems.add(args + " prints an unformatted %n");
                }
            }
        } finally {
            System.setErr(saved);
        }
        assertTrue(problems.isEmpty(), "help texts picocli cannot format:\n" + String.join("\n", problems));
        String accept = run(List.of("onboard", "accept", "--help"), 0)[0];
        assertTrue(accept.contains("with 95% intervals"), accept);
    }

    @Test
    void aBareGroupListsItsSubcommands() {
        for (String group : new String[]{"data", "bundle", "bench", "report"}) {
            String text = run(List.of(group), 0)[0];
            assertTrue(text.contains("Commands:"), group + " printed:\n" + text);
        }
        assertTrue(run(List.of("data"), 0)[0].contains("validate"));
    }
}
