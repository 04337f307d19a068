package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic, network-free describer (the default). It extracts the sentence of the prompt that states its
 * task and strips the data around it, so that prompts asking for the same kind of work get similar descriptions.
 *
 * <p>The heuristic, in order:
 * <ol>
 *   <li><b>Form.</b> The first that applies: <i>Code task</i> when there is a code fence ({@code ```}), a code line
 *       ({@code def f(}, {@code class X:}, {@code #include}, {@code function f(}, {@code public static}, ...) or a
 *       request to write/implement/fix/debug a function, program, script, class, method, query or code;
 *       <i>Multiple-choice question</i> when options A and B appear, as lines {@code A) ...}, {@code (A) ...},
 *       {@code A. ...}, {@code A: ...} or inline {@code (A) ... (B) ...}; <i>Math problem</i> when at least 40% of
 *       the non-blank characters are digits or operators, when there is LaTeX math, or when there is at least one
 *       number and a quantity cue ("how many", "how much", "calculate", "solve", "what is the sum/value/...",
 *       多少, 计算 ...). Otherwise no form.</li>
 *   <li><b>Prose.</b> Fenced code blocks, code lines (indented by 4+ spaces, starting with a code keyword, or
 *       ending in {@code ;}, <code>{</code> or <code>}</code>), option lines, bare {@code Answer:} lines and
 *       quoted data (double quotes, typographic quotes, 「」『』, single-quoted spans, backticks) are removed.</li>
 *   <li><b>Instruction sentence.</b> The prose is split into sentences (on {@code . ! ? ;} followed by a space,
 *       on 。！？；, and on line ends). Chosen: the <em>last</em> question (ends in {@code ?} or {@code ？}), since a
 *       final question after a passage is the task; else the <em>first</em> imperative sentence (starts with a verb
 *       such as write, explain, translate, summarize, list, solve, or with "please" or 请); else the first sentence.
 *       A leading label such as {@code Question:} or {@code Q1.} is dropped.</li>
 *   <li><b>Strip data.</b> Numbers (with currency, sign, thousands separators, decimals, percent) and operator
 *       runs left standing alone are removed; spaces before punctuation and doubled punctuation are cleaned.</li>
 *   <li><b>Fallbacks.</b> Fewer than two words left (three for math, where "What is?" is all that remains of
 *       "What is 12 * 7?"): code takes its first docstring or comment sentence, else
 *       "complete the given code."; multiple choice "choose the correct option."; math "compute the result of
 *       the given expression."; otherwise the first words of the whole cleaned prompt. A prompt with no letter at
 *       all is "Numbers only, no instruction." or, with operators, "Math problem: evaluate the expression.".</li>
 *   <li><b>Truncate</b> to {@value #MAX_WORDS} words (a CJK ideograph counts half a word, so Chinese keeps up
 *       to 60 characters), marking a cut with "…", then prefix the form: {@code "Math problem: How many clips
 *       did Natalia sell altogether in April and May?"}.</li>
 * </ol>
 * The id is {@value #ID}; bump its version whenever the heuristic changes, since it keys the description cache.
 */
public final class OfflineTaskDescriber implements TaskDescriber {
    /** The describer id recorded in outputs and cache keys. */
    public static final String ID = "offline-extractive/v1";
    /** Longest description, in words. */
    public static final int MAX_WORDS = 30;

    /** The forms a prompt can be detected as, with the prefix they put before the description. */
    public enum Form {
        /** Code fences, code lines or a request for code. */
        CODE("Code task"),
        /** Options A and B. */
        MULTIPLE_CHOICE("Multiple-choice question"),
        /** Mostly digits and operators, LaTeX, or numbers with a quantity cue. */
        MATH("Math problem"),
        /** None of the above. */
        NONE("");

        private final String label;

        Form(String label) {
            this.label = label;
        }

        /** The prefix text, empty for {@link #NONE}. */
        public String label() {
            return label;
        }
    }

    private static final Pattern FENCE_BLOCK = Pattern.compile("(?s)```.*?(?:```|\\z)");
    private static final Pattern CODE_SIGN = Pattern.compile(
            "(?m)^\\s*(?:def \\w+\\s*\\(|class \\w+\\s*[:(]|#include\\b|import [\\w.]+|from [\\w.]+ import\\b"
                    + "|function\\s+\\w+\\s*\\(|public (?:static )?\\w+|(?:const|let|var) \\w+\\s*=|SELECT\\b.+\\bFROM\\b)");
    private static final Pattern CODE_REQUEST = Pattern.compile(
            "(?i)\\b(?:write|implement|complete|fix|debug|refactor|optimi[sz]e)\\b.{0,60}?\\b(?:function|program|script|method|class|code|query|regex|algorithm)\\b");
    private static final Pattern CODE_LINE = Pattern.compile(
            "^(?: {4,}|\\t)\\S.*|^\\s*(?:def|class|import|from|return|if|elif|else|for|while|try|except|#include|public|private|"
                    + "protected|function|const|let|var|print|>>>)\\b.*|.*[;{}]\\s*$");
    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^\\s*\\(?([A-Ea-e])\\s*[).:：]\\s*\\S.*$");
    private static final Pattern INLINE_OPTION = Pattern.compile("\\(([A-E])\\)\\s*\\S");
    private static final Pattern INLINE_OPTIONS_TAIL = Pattern.compile("\\s*(?:\\(A\\)|\\bA\\))\\s.*$");
    private static final Pattern ANSWER_LINE = Pattern.compile("(?im)^\\s*(?:answer|a|options|choices|答案)\\s*[:：]\\s*$");
    private static final Pattern LATEX = Pattern.compile("\\\\(?:frac|sqrt|sum|int|cdot|times|le|ge|pi)\\b|\\$[^$\\n]+\\$");
    private static final Pattern NUMBER = Pattern.compile("[$€£¥]?[-+]?\\d[\\d,]*(?:\\.\\d+)?%?");
    private static final Pattern MATH_CUE = Pattern.compile(
            "(?i)\\b(?:how many|how much|how long|how far|calculate|compute|solve|evaluate|simplify|"
                    + "what is the (?:sum|product|value|total|difference|area|perimeter|volume|probability|remainder|average)|"
                    + "find the (?:value|sum|number|area|product|total|remainder))\\b|多少|计算|求解");
    private static final Pattern QUOTED = Pattern.compile(
            "\"[^\"\\n]*\"|“[^”]*”|「[^」]*」|『[^』]*』|`[^`\\n]*`|(?<=^|[\\s:(])'[^'\\n]+'(?=$|[\\s.,;:!?)])");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+(?=\\S)|(?<=[。！？；])");
    private static final Pattern LEADING_LABEL = Pattern.compile(
            "^(?i)(?:question|q|problem|instruction|task|input|prompt|query|问题|题目)\\s*\\d*\\s*[:：.)]\\s*");
    private static final Pattern LONE_OPERATORS = Pattern.compile("(?<=^|\\s)[-+*/=^×÷<>()%,.:]+(?=\\s|$|[?!.])");
    private static final Pattern DOCSTRING = Pattern.compile("(?s)(?:\"\"\"|''')\\s*(.*?)(?:\"\"\"|'''|\\z)|(?m)^\\s*(?:#|//)\\s*(\\S.*)$");
    private static final Set<String> IMPERATIVES = new TreeSet<>(List.of(
            "write", "explain", "describe", "summarize", "summarise", "translate", "list", "give", "create", "generate",
            "calculate", "compute", "solve", "find", "determine", "classify", "identify", "rewrite", "paraphrase",
            "answer", "choose", "select", "compose", "draft", "implement", "complete", "fix", "debug", "convert",
            "compare", "evaluate", "provide", "suggest", "tell", "name", "make", "design", "analyze", "analyse",
            "read", "please", "extract", "outline", "correct", "edit", "predict", "estimate", "prove", "show",
            "simplify", "sort", "count", "define", "recommend", "help", "plan", "continue", "use", "fill", "check"));

    /** Creates the describer; it holds no state. */
    public OfflineTaskDescriber() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> describe(List<String> prompts, StageContext ctx) throws EngineException {
        List<String> out = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            if ((i & 255) == 0) {
                ctx.checkCancelled();
                ctx.progress((double) i / prompts.size(), "described " + i + "/" + prompts.size());
            }
            out.add(describeOne(prompts.get(i)));
        }
        ctx.progress(1, "described " + prompts.size() + "/" + prompts.size());
        return List.copyOf(out);
    }

    /** The detected form of a prompt (first step of the heuristic). */
    public static Form detectForm(String prompt) {
        String text = normaliseNewlines(prompt);
        if (text.contains("```") || CODE_SIGN.matcher(text).find() || CODE_REQUEST.matcher(text).find()) {
            return Form.CODE;
        }
        if (hasOptions(text)) {
            return Form.MULTIPLE_CHOICE;
        }
        if (symbolRatio(text) >= 0.4 || LATEX.matcher(text).find()
                || (countMatches(NUMBER, text) >= 1 && MATH_CUE.matcher(text).find())) {
            return Form.MATH;
        }
        return Form.NONE;
    }

    /** Describes one prompt with the heuristic of the class comment; never empty. */
    public static String describeOne(String prompt) {
        String text = normaliseNewlines(prompt);
        if (text.codePoints().noneMatch(Character::isLetter)) {
            return text.chars().anyMatch(c -> "+-*/=^×÷<>".indexOf(c) >= 0)
                    ? Form.MATH.label() + ": evaluate the expression."
                    : "Numbers only, no instruction.";
        }
        Form form = detectForm(text);
        List<String> prose = proseLines(text, form);
        String sentence = clean(chooseSentence(prose));
        if (wordCount(sentence) < (form == Form.MATH ? 3 : 2)) {
            sentence = fallback(form, text, prose);
        }
        sentence = truncate(sentence, MAX_WORDS);
        return form == Form.NONE ? sentence : form.label() + ": " + sentence;
    }

    private static String normaliseNewlines(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean hasOptions(String text) {
        Set<Character> letters = new TreeSet<>();
        Matcher m = OPTION_LINE.matcher(text);
        while (m.find()) {
            letters.add(Character.toUpperCase(m.group(1).charAt(0)));
        }
        Matcher inline = INLINE_OPTION.matcher(text);
        while (inline.find()) {
            letters.add(inline.group(1).charAt(0));
        }
        return letters.contains('A') && letters.contains('B');
    }

    private static double symbolRatio(String text) {
        int symbols = 0;
        int visible = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            visible++;
            if (Character.isDigit(c) || "+-*/=^()<>%.,×÷√π".indexOf(c) >= 0) {
                symbols++;
            }
        }
        return visible == 0 ? 0 : (double) symbols / visible;
    }

    private static int countMatches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> proseLines(String text, Form form) {
        String t = FENCE_BLOCK.matcher(text).replaceAll("\n");
        t = ANSWER_LINE.matcher(t).replaceAll("");
        if (form == Form.MULTIPLE_CHOICE) {
            t = OPTION_LINE.matcher(t).replaceAll("");
        }
        List<String> lines = new ArrayList<>();
        boolean inDocstring = false;
        for (String line : t.split("\n")) {
            int quotes = countOccurrences(line, "\"\"\"") + countOccurrences(line, "'''");
            boolean wasIn = inDocstring;
            if (quotes % 2 == 1) {
                inDocstring = !inDocstring;
            }
            if (wasIn || quotes > 0 || CODE_LINE.matcher(line).matches()) {
                continue;
            }
            if (form == Form.MULTIPLE_CHOICE) {
                line = INLINE_OPTIONS_TAIL.matcher(line).replaceFirst("");
            }
            line = QUOTED.matcher(line).replaceAll("");
            if (line.codePoints().anyMatch(Character::isLetter)) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static int countOccurrences(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }

    private static String chooseSentence(List<String> lines) {
        List<String> sentences = new ArrayList<>();
        for (String line : lines) {
            for (String s : SENTENCE_END.split(line)) {
                String st = LEADING_LABEL.matcher(s.strip()).replaceFirst("").strip();
                if (st.codePoints().anyMatch(Character::isLetter)) {
                    sentences.add(st);
                }
            }
        }
        if (sentences.isEmpty()) {
            return "";
        }
        for (int i = sentences.size() - 1; i >= 0; i--) {
            String s = sentences.get(i);
            if (s.endsWith("?") || s.endsWith("？")) {
                return s;
            }
        }
        for (String s : sentences) {
            if (isImperative(s)) {
                return s;
            }
        }
        return sentences.get(0);
    }

    private static boolean isImperative(String sentence) {
        if (sentence.startsWith("请")) {
            return true;
        }
        String first = sentence.split("[\\s,:;.!]+", 2)[0].toLowerCase(Locale.ROOT);
        return IMPERATIVES.contains(first);
    }

    private static String clean(String s) {
        String t = NUMBER.matcher(s).replaceAll("");
        t = t.replaceAll("\\s+", " ").strip();
        String prev;
        do {
            prev = t;
            t = LONE_OPERATORS.matcher(t).replaceAll("");
            t = t.replaceAll("\\s+", " ").strip();
        } while (!t.equals(prev));
        t = t.replaceAll("\\s+([,.;:!?，。；：！？])", "$1");
        t = t.replaceAll("[:;,]+(?=[.!?])", "");
        t = t.replaceAll("([.!?])[.!?:,;]+", "$1");
        t = t.replaceAll("\\(\\s*\\)", "");
        t = t.replaceAll("^[\\s\\-*#>•:,;.)]+", "");
        t = t.replaceAll("[\\s:,;：，；]+$", "");
        return t.replaceAll("\\s+", " ").strip();
    }

    private static String fallback(Form form, String text, List<String> prose) {
        switch (form) {
            case CODE: {
                Matcher m = DOCSTRING.matcher(text);
                while (m.find()) {
                    String doc = m.group(1) != null ? m.group(1) : m.group(2);
                    String first = clean(firstSentence(doc));
                    if (wordCount(first) >= 2) {
                        return first;
                    }
                }
                return "complete the given code.";
            }
            case MULTIPLE_CHOICE:
                return "choose the correct option.";
            case MATH:
                return "compute the result of the given expression.";
            default: {
                String all = clean(String.join(" ", prose.isEmpty() ? List.of(text) : prose));
                return all.isEmpty() ? "No instruction." : all;
            }
        }
    }

    private static String firstSentence(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        String[] parts = SENTENCE_END.split(flat, 2);
        return parts.length == 0 ? "" : parts[0];
    }

    private static int wordCount(String s) {
        int n = 0;
        for (String tok : s.split("\\s+")) {
            if (tok.codePoints().anyMatch(Character::isLetter)) {
                n += Math.max(1, (int) tok.codePoints().filter(OfflineTaskDescriber::isCjk).count());
            }
        }
        return n;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
        return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
    }

    /** Cuts {@code s} to {@code maxWords} words, a CJK ideograph counting half a word; appends "…" when cut. */
    static String truncate(String s, int maxWords) {
        String[] tokens = s.strip().split("\\s+");
        double budget = maxWords;
        StringBuilder sb = new StringBuilder();
        for (String tok : tokens) {
            long cjk = tok.codePoints().filter(OfflineTaskDescriber::isCjk).count();
            double cost = cjk > 0 ? cjk / 2.0 : 1;
            if (cost <= budget + 1e-9) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(tok);
                budget -= cost;
                continue;
            }
            if (cjk > 0 && budget >= 0.5) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                int keep = (int) Math.floor(budget * 2);
                int[] cps = tok.codePoints().toArray();
                int taken = 0;
                int used = 0;
                while (used < cps.length && taken < keep) {
                    if (isCjk(cps[used])) {
                        taken++;
                    }
                    used++;
                }
                sb.append(new String(cps, 0, used));
            }
            return sb.toString().replaceAll("[\\s,;:，；：]+$", "") + "…";
        }
        return sb.toString();
    }
}
