package dev.finerouter.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The synthetic benchmark families and their fine-grained sub-tasks (templates and vocabulary). Seven families
 * (the coarse {@code task} labels) hold 30 sub-tasks (the hidden {@code subtask} labels); each sub-task has its own
 * templates and words, so sub-tasks are separable by text while sharing a family name.
 */
public final class TaskCatalog {
    /** Word lists any template may use. */
    public static final Map<String, List<String>> SHARED_SLOTS = Map.of(
            "name", words("Alice|Bruno|Chen|Dana|Emeka|Farah|Giulia|Hiro|Ines|Jonas|Kavya|Liam|Mei|Nadia|Omar|Priya"),
            "ask", words("|Quick question: |Trivia: |Answer briefly. |Short answer please. "),
            "city", words("Lisbon|Nairobi|Osaka|Toronto|Krakow|Lima|Melbourne|Hanoi|Oslo|Austin|Casablanca|Seoul"));

    /** Family names, in catalog order. */
    public static final List<String> FAMILIES = List.of("qa", "mcq", "math", "code", "writing", "translation", "logic");

    private static final List<SubtaskSpec> SUBTASKS = build();

    private TaskCatalog() {
    }

    /** All sub-tasks, grouped by family in {@link #FAMILIES} order; the order is part of the generator's output. */
    public static List<SubtaskSpec> subtasks() {
        return SUBTASKS;
    }

    /** The sub-task called {@code name}. */
    public static SubtaskSpec subtask(String name) {
        return SUBTASKS.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sub-task " + name));
    }

    private static List<SubtaskSpec> build() {
        List<SubtaskSpec> s = new ArrayList<>();
        // ---- qa: open-domain question answering (exact match), plus reading comprehension (token F1)
        s.add(new SubtaskSpec("qa", "qa-history", ScoreKind.BINARY, 0.9, 1.0, words(
                "{ask}In which year did the {event} take place? Answer with the year only.",
                "{ask}Who was the leader of {country} during the {event}?",
                "{ask}Question: what was the main cause of the {event}? Give a short answer."), Map.of(
                "event", words("Treaty of Westphalia|fall of Constantinople|Meiji Restoration|Congress of Vienna|storming of the Bastille|Battle of Hastings|Reformation|partition of Poland|Boxer Rebellion|Glorious Revolution"),
                "country", words("France|Japan|Prussia|the Ottoman Empire|England|Spain|Russia|China"))));
        s.add(new SubtaskSpec("qa", "qa-science", ScoreKind.BINARY, 0.8, 1.0, words(
                "{ask}What is the chemical symbol of {element}? Answer in one word.",
                "{ask}Which {organ} process converts {molecule} into energy in the cell?",
                "{ask}Question: what is the SI unit of {quantity}?"), Map.of(
                "element", words("tungsten|potassium|mercury|silver|tin|antimony|sodium|lead|iron|gold"),
                "organ", words("mitochondrial|cellular|enzymatic|metabolic"),
                "molecule", words("glucose|fatty acids|pyruvate|ATP precursors|lactate"),
                "quantity", words("magnetic flux|luminous intensity|electric charge|inductance|pressure|catalytic activity"))));
        s.add(new SubtaskSpec("qa", "qa-geography", ScoreKind.BINARY, 1.0, 1.0, words(
                "{ask}What is the capital city of {region}?",
                "{ask}Which river flows through {city}, and into which sea does it drain?",
                "{ask}Name the highest mountain in {region}.",
                "{ask}What is the official language of {region}?",
                "{ask}Which currency is used in {region}?",
                "{ask}Which countries border {region}?"), Map.of(
                "region", words("Bhutan|Burkina Faso|Tasmania|Kyrgyzstan|Paraguay|Slovenia|Namibia|Laos|Estonia|Suriname|Bavaria|Patagonia|Eritrea|Moldova|Mongolia|Belize|Oman|Gabon|Uruguay|Albania"))));
        s.add(new SubtaskSpec("qa", "qa-reading", ScoreKind.CONTINUOUS, 0.6, 1.2, words(
                "Read the passage and answer. Passage: {name} moved to {city} in {year} to work as a {job}. After {n:2-9} years {name} opened a small {shop}. Question: what did {name} do before opening the {shop}?",
                "Passage: The {shop} in {city} was founded by {name}, a former {job}, in {year}. Question: who founded the {shop} and when?",
                "Context: {name}, a {job} from {city}, wrote a memoir in {year} about running a {shop}. Question: what is the memoir about?"), Map.of(
                "year", words("1987|1994|2001|2008|2013|2019"),
                "job", words("nurse|carpenter|teacher|pilot|pharmacist|journalist|baker|engineer"),
                "shop", words("bookshop|bakery|bicycle repair shop|tea house|pottery studio|record store"))));
        // ---- mcq: multiple-choice exams (accuracy)
        s.add(new SubtaskSpec("mcq", "mcq-medical", ScoreKind.BINARY, 1.1, 1.0, words(
                "A {age:25-80}-year-old patient presents with {symptom} and {symptom2}. What is the most likely diagnosis? (A) {dx} (B) {dx2} (C) anemia (D) migraine",
                "Which drug is first-line for {condition}? (A) {drug} (B) {drug2} (C) placebo (D) none of the above",
                "A patient with {condition} develops {symptom}. Which test should be ordered first? (A) ECG (B) CT scan (C) blood culture (D) {drug}"), Map.of(
                "symptom", words("chest pain|fever|night sweats|sudden weakness|jaundice|shortness of breath"),
                "symptom2", words("weight loss|a productive cough|palpitations|confusion|joint swelling"),
                "dx", words("pneumonia|tuberculosis|hyperthyroidism|endocarditis|hepatitis"),
                "dx2", words("sarcoidosis|lymphoma|pericarditis|gout|stroke"),
                "condition", words("hypertension|type 2 diabetes|atrial fibrillation|asthma|gout|hypothyroidism"),
                "drug", words("metformin|amlodipine|levothyroxine|albuterol|warfarin|allopurinol"),
                "drug2", words("ibuprofen|prednisone|insulin|digoxin|lisinopril"))));
        s.add(new SubtaskSpec("mcq", "mcq-law", ScoreKind.BINARY, 1.3, 0.9, words(
                "Under {doctrine}, a {party} who {act} is most likely liable for: (A) damages (B) nothing (C) criminal fines only (D) specific performance",
                "A {party} {act}. Which doctrine best applies? (A) {doctrine} (B) res judicata (C) estoppel (D) laches",
                "Bar exam question: a {party} sues after a neighbour {act}. The strongest defence is (A) consent (B) {doctrine} (C) necessity (D) statute of limitations"), Map.of(
                "doctrine", words("strict liability|promissory estoppel|adverse possession|respondeat superior|the parol evidence rule|negligence per se"),
                "party", words("landlord|tenant|contractor|employer|buyer|trustee"),
                "act", words("breaches a written contract|fails to repair a staircase|trespasses on adjoining land|misrepresents the condition of goods|withholds a security deposit"))));
        s.add(new SubtaskSpec("mcq", "mcq-commonsense", ScoreKind.BINARY, 0.5, 1.1, words(
                "{name} left the {item} outside in the rain overnight. What most likely happened? (A) it got wet (B) it got warmer (C) it grew (D) it disappeared",
                "Where would you most likely find a {item}? (A) in a {place} (B) on the moon (C) under the ocean (D) inside a volcano",
                "{name} wants to {goal}. What should {name} do first? (A) {step} (B) go to sleep (C) buy a boat (D) paint the wall"), Map.of(
                "item", words("cardboard box|paper map|wool sweater|loaf of bread|notebook|pillow"),
                "place", words("kitchen|garage|classroom|office|bedroom|library"),
                "goal", words("bake a cake|catch a train|plant tomatoes|fix a flat tyre|write a letter"),
                "step", words("gather the ingredients|check the timetable|buy seeds|find a pump|get some paper"))));
        s.add(new SubtaskSpec("mcq", "mcq-physics", ScoreKind.BINARY, 1.2, 1.0, words(
                "A {mass:2-20} kg block slides down a frictionless incline of {angle:10-60} degrees. Its acceleration is closest to (A) {a:1-9} m/s^2 (B) {b:1-9} m/s^2 (C) 9.8 m/s^2 (D) 0",
                "Which quantity is conserved in a perfectly {collision} collision? (A) kinetic energy (B) momentum (C) both (D) neither",
                "A {concept} question: if the {var} doubles, what happens to the {var2}? (A) doubles (B) halves (C) quadruples (D) unchanged"), Map.of(
                "collision", words("elastic|inelastic"),
                "concept", words("circuit|pendulum|ideal gas|lens|spring"),
                "var", words("resistance|length|temperature|focal length|spring constant"),
                "var2", words("current|period|pressure|magnification|stored energy"))));
        // ---- math: word problems, algebra, geometry, probability, calculus (final-answer accuracy)
        s.add(new SubtaskSpec("math", "math-arithmetic", ScoreKind.BINARY, 0.2, 1.2, words(
                "{name} buys {n:3-12} {goods} at ${p:2-15} each and pays with a ${bill:50-100} bill. How much change does {name} get?",
                "A baker makes {n:20-90} {goods} per hour for {h:2-8} hours and sells all but {k:3-15}. How many were sold?",
                "{name} saves ${p:5-40} a week. After {h:3-20} weeks, how much has {name} saved in total?"), Map.of(
                "goods", words("apples|muffins|notebooks|pencils|tickets|bagels|candles"))));
        s.add(new SubtaskSpec("math", "math-algebra", ScoreKind.BINARY, 1.0, 1.0, words(
                "Solve for x: {a:2-9}x + {b:1-30} = {c:31-99}.",
                "Find all real solutions of x^2 - {a:2-9}x + {b:1-20} = 0.",
                "If {a:2-9}(y - {b:1-9}) = {c:10-60}, what is the value of y? Simplify the {form}."), Map.of(
                "form", words("fraction|expression|answer"))));
        s.add(new SubtaskSpec("math", "math-geometry", ScoreKind.BINARY, 1.2, 0.9, words(
                "A {shape} has side length {a:2-20} cm. What is its area in square centimetres?",
                "In a right triangle the legs are {a:3-15} and {b:3-15}. Find the length of the hypotenuse.",
                "A circle is inscribed in a {shape} of side {a:4-30}. What is the circumference of the circle?"), Map.of(
                "shape", words("square|regular hexagon|equilateral triangle|rhombus with a 60 degree angle"))));
        s.add(new SubtaskSpec("math", "math-probability", ScoreKind.BINARY, 1.4, 0.9, words(
                "A bag holds {a:2-9} red and {b:2-9} blue marbles. Two are drawn without replacement. What is the probability both are {colour}?",
                "Two fair {die}-sided dice are rolled. What is the probability that the sum is {s:4-11}?",
                "A coin lands heads with probability 0.{p:2-8}. What is the probability of exactly {k:1-4} heads in {n:5-8} tosses?"), Map.of(
                "colour", words("red|blue"),
                "die", words("six|eight|ten|twelve"))));
        s.add(new SubtaskSpec("math", "math-calculus", ScoreKind.BINARY, 1.6, 0.8, words(
                "Compute the derivative of f(x) = {a:2-9}x^{n:2-6} * {fn}(x).",
                "Evaluate the definite integral of {a:2-9}x^{n:1-5} from 0 to {b:1-4}.",
                "Find the limit as x approaches 0 of {fn}({a:2-9}x) / x."), Map.of(
                "fn", words("sin|cos|exp|log|tan|sinh"))));
        // ---- code: generation, SQL, regex, repair (pass@1)
        s.add(new SubtaskSpec("code", "code-python", ScoreKind.BINARY, 1.0, 1.2, words(
                "Write a Python function `{fname}(items)` that returns {goal}. Include a docstring.",
                "Implement `def {fname}(xs: list[int]) -> int` in Python: it should return {goal}.",
                "Complete this Python function so the tests pass:\ndef {fname}(data):\n    \"\"\"Return {goal}.\"\"\""), Map.of(
                "fname", words("dedupe|top_k|flatten|longest_run|group_counts|second_largest|rolling_mean|chunked"),
                "goal", words("the list without duplicates, keeping order|the k largest values|the length of the longest increasing run|a dict counting each element|the second largest distinct value|the sum of even numbers"))));
        s.add(new SubtaskSpec("code", "code-sql", ScoreKind.BINARY, 1.1, 1.0, words(
                "Given tables {table}(id, {col}, created_at) and {table2}(id, {table}_id, amount), write a SQL query that returns {goal}.",
                "Write a SQL query over the {table} table to list {goal}, ordered by {col} descending.",
                "SQL: using a window function on {table2}, compute {goal}."), Map.of(
                "table", words("customers|employees|products|students|stores"),
                "table2", words("orders|payments|enrollments|shipments|invoices"),
                "col", words("name|region|salary|category|grade"),
                "goal", words("the top 5 by total amount|each row's running total|rows with no matching order|the average amount per month|duplicate entries"))));
        s.add(new SubtaskSpec("code", "code-regex", ScoreKind.BINARY, 1.3, 0.8, words(
                "Write a regular expression that matches {target} but not {nontarget}.",
                "Give a regex (PCRE) to extract {target} from a log line like '{city} 2024-03-{d:10-28} ERROR code={c:100-599}'.",
                "Write a regex that validates {target}; explain each group briefly."), Map.of(
                "target", words("ISO dates|IPv4 addresses|hex colour codes|e-mail addresses|UK postcodes|semantic version numbers"),
                "nontarget", words("dates with a month above 12|addresses with octets over 255|three-digit codes without a hash|strings with spaces"))));
        s.add(new SubtaskSpec("code", "code-bugfix", ScoreKind.BINARY, 1.2, 1.0, words(
                "This {lang} function should {goal} but fails on {edge}. Find and fix the bug:\n{snippet}",
                "Fix the bug: the following {lang} code raises an error on {edge}.\n{snippet}",
                "Debug this {lang} snippet, which is meant to {goal}:\n{snippet}"), Map.of(
                "lang", words("Python|JavaScript|Java|Go"),
                "goal", words("reverse a linked list|compute a moving average|merge two sorted arrays|parse a CSV line"),
                "edge", words("an empty input|a single element|negative numbers|a trailing comma"),
                "snippet", words("for i in range(1, len(a)): total += a[i]|while (i <= n) { out[i] = xs[i]; i++; }|if len(xs) > 0: return xs[0] / len(xs) - 1|result = a.split(',')[1:]"))));
        // ---- writing: summaries, e-mails, stories, headlines, poems (judge score in [0,1])
        s.add(new SubtaskSpec("writing", "writing-summary", ScoreKind.CONTINUOUS, 0.9, 1.1, words(
                "Summarise the following {doc} in {n:2-4} sentences: The {org} announced on Monday that {news}. Officials in {city} said more details would follow.",
                "TL;DR this {doc}: {news}, according to a statement from the {org}.",
                "Write a one-paragraph summary of a {doc} reporting that {news}."), Map.of(
                "doc", words("news article|press release|meeting transcript|research abstract"),
                "org", words("city council|health ministry|university|central bank|transport authority"),
                "news", words("a new tram line will open next spring|interest rates will stay unchanged|a study links sleep to memory|the budget for parks will double|flu cases rose sharply in winter"))));
        s.add(new SubtaskSpec("writing", "writing-email", ScoreKind.CONTINUOUS, 0.5, 1.0, words(
                "Draft a polite email to {recipient} asking to {request}.",
                "Write a short professional email to {recipient} to {request}. Keep it under 120 words.",
                "Compose an email from {name} to {recipient} that apologises and asks to {request}."), Map.of(
                "recipient", words("my landlord|a hiring manager|my team|a client|the school principal|customer support"),
                "request", words("reschedule Thursday's meeting|extend the deadline by a week|refund a duplicate charge|confirm the start date|fix the broken heating"))));
        s.add(new SubtaskSpec("writing", "writing-story", ScoreKind.CONTINUOUS, 1.1, 1.0, words(
                "Write a short story about a {hero} who discovers {twist} in {setting}.",
                "Tell a {genre} story set in {setting} where a {hero} must {quest}.",
                "Write the opening scene of a {genre} novel: a {hero} in {setting}, and {twist}."), Map.of(
                "hero", words("retired detective|lonely robot|young cartographer|lighthouse keeper|street musician"),
                "twist", words("a hidden door|a letter from the future|that the map is wrong|a talking cat"),
                "setting", words("a flooded city|a desert monastery|a night train|a space station|a mountain village"),
                "genre", words("mystery|fantasy|science-fiction|comic|gothic"),
                "quest", words("return a stolen bell|find a missing sister|deliver a message before dawn"))));
        s.add(new SubtaskSpec("writing", "writing-headline", ScoreKind.CONTINUOUS, 0.4, 0.8, words(
                "Write a catchy headline for an article about {topic}.",
                "Suggest three headlines for a blog post on {topic}.",
                "Give a short, punchy title for a newsletter about {topic} in {city}."), Map.of(
                "topic", words("remote work burnout|urban beekeeping|cheap train travel|home composting|electric scooters|learning a language at 60|sourdough for beginners|night-time running safety|repairing old furniture|saving on heating bills|birdwatching in cities|four-day work weeks"))));
        s.add(new SubtaskSpec("writing", "writing-poetry", ScoreKind.CONTINUOUS, 1.2, 0.7, words(
                "Write a {form} about {subject}.",
                "Compose a {form} in the style of a {style} poet, on {subject}.",
                "Write a rhyming {form} that mentions {subject} and {city}."), Map.of(
                "form", words("haiku|sonnet|limerick|villanelle|free-verse poem"),
                "subject", words("autumn rain|an old bicycle|the first snow|a lost glove|morning coffee|the sea at night"),
                "style", words("romantic|modernist|beat|metaphysical"))));
        // ---- translation: English into four languages (overlap score in [0,1])
        s.add(new SubtaskSpec("translation", "translate-fr", ScoreKind.CONTINUOUS, 0.7, 1.0, words(
                "Translate into French: \"{opener}{clause}{closer}\"",
                "Please translate this sentence from English to French: {opener}{clause}{closer}",
                "French translation needed: {opener}{clause}{closer}"), TranslationSentences.SLOTS));
        s.add(new SubtaskSpec("translation", "translate-de", ScoreKind.CONTINUOUS, 0.8, 1.0, words(
                "Translate into German: \"{opener}{clause}{closer}\"",
                "Please translate this sentence from English to German: {opener}{clause}{closer}",
                "German translation needed: {opener}{clause}{closer}"), TranslationSentences.SLOTS));
        s.add(new SubtaskSpec("translation", "translate-ja", ScoreKind.CONTINUOUS, 1.3, 0.9, words(
                "Translate into Japanese (polite form): \"{opener}{clause}{closer}\"",
                "Please translate this sentence from English to Japanese: {opener}{clause}{closer}",
                "Japanese translation needed, keep honorifics: {opener}{clause}{closer}"), TranslationSentences.SLOTS));
        s.add(new SubtaskSpec("translation", "translate-zh", ScoreKind.CONTINUOUS, 1.2, 0.9, words(
                "Translate into Simplified Chinese: \"{opener}{clause}{closer}\"",
                "Please translate this sentence from English to Mandarin Chinese: {opener}{clause}{closer}",
                "Chinese (simplified characters) translation needed: {opener}{clause}{closer}"), TranslationSentences.SLOTS));
        // ---- logic: puzzles (accuracy)
        s.add(new SubtaskSpec("logic", "logic-syllogism", ScoreKind.BINARY, 0.8, 1.0, words(
                "All {a} are {b}. Some {b} are {c}. Does it follow that some {a} are {c}? Answer yes or no and explain.",
                "No {a} are {c}. All {b} are {a}. Can any {b} be {c}?",
                "If every {a} is a {b} and no {b} is a {c}, is it true that no {a} is a {c}?"), Map.of(
                "a", words("poets|sailors|violinists|chemists|gardeners"),
                "b", words("dreamers|early risers|left-handed people|tea drinkers"),
                "c", words("chess players|vegetarians|runners|collectors"))));
        s.add(new SubtaskSpec("logic", "logic-sequence", ScoreKind.BINARY, 1.1, 0.9, words(
                "What number comes next in the sequence {a:1-9}, {b:10-20}, {c:21-40}, {d:41-80}, ...? Explain the rule.",
                "Find the next two terms of the pattern: {a:1-9}, {c:21-40}, {a:1-9}, {d:41-80}, {a:1-9}, ...",
                "Identify the rule and continue the letter-number series: A{a:1-9}, C{b:10-20}, F{c:21-40}, ..."), Map.of()));
        s.add(new SubtaskSpec("logic", "logic-knights", ScoreKind.BINARY, 1.4, 0.8, words(
                "On an island, knights always tell the truth and knaves always lie. {name} says: \"{claim}\". {other} says nothing. Who is a knight?",
                "Knights and knaves puzzle: {name} says \"{other} is a knave\", and {other} says \"{claim}\". Determine each person's type.",
                "Three islanders: {name}, {other} and Zed. {name} claims \"{claim}\". Who is lying?"), Map.of(
                "other", words("Uma|Victor|Wren|Xavi|Yara"),
                "claim", words("we are both knaves|exactly one of us is a knight|I am a knave or Zed is a knight|Zed would say I am a knight"))));
        s.add(new SubtaskSpec("logic", "logic-dates", ScoreKind.BINARY, 1.0, 0.9, words(
                "Today is {day}, {month} {d:1-28}. What day of the week will it be in {n:10-100} days?",
                "{name}'s flight leaves on {month} {d:1-28} and the trip lasts {n:3-40} days. On what date does {name} return?",
                "If yesterday was {day}, what day was it {n:3-30} days before tomorrow?"), Map.of(
                "day", words("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
                "month", words("January|March|April|June|August|October|December"))));
        return List.copyOf(s);
    }

    /** Splits a {@code |}-separated list, or wraps several strings, into an immutable list. */
    static List<String> words(String... values) {
        if (values.length == 1 && values[0].contains("|")) {
            return List.of(values[0].split("\\|"));
        }
        return List.copyOf(Arrays.asList(values));
    }
}
