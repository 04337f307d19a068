package dev.finerouter.engine.describe;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfflineTaskDescriberTest {

    static String longPassage() {
        StringBuilder sb = new StringBuilder("Read the passage and answer the question.\n\n");
        for (int i = 0; i < 400; i++) {
            sb.append("The committee reviewed report number ").append(i).append(" in detail. ");
        }
        return sb.append("\nBased on the passage, what did the committee review?").toString();
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("Which planet is known as the Red Planet?\nA) Venus\nB) Mars\nC) Jupiter\nD) Saturn\nAnswer:",
                        "Multiple-choice question: Which planet is known as the Red Planet?"),
                Arguments.of("Question: The longest river in Africa is (A) the Congo (B) the Nile (C) the Niger (D) the Zambezi",
                        "Multiple-choice question: The longest river in Africa is"),
                Arguments.of("Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. "
                                + "How many clips did Natalia sell altogether in April and May?",
                        "Math problem: How many clips did Natalia sell altogether in April and May?"),
                Arguments.of("What is 1234 * 5678 + 91?", "Math problem: compute the result of the given expression."),
                Arguments.of("3 + 4 * 2 = ?", "Math problem: evaluate the expression."),
                Arguments.of("1 2 3 4 5 6 7 8 9 10", "Numbers only, no instruction."),
                Arguments.of("Write a Python function that returns the n-th Fibonacci number.",
                        "Code task: Write a Python function that returns the n-th Fibonacci number."),
                Arguments.of("def has_close_elements(numbers: List[float], threshold: float) -> bool:\n"
                                + "    \"\"\" Check if in given list of numbers, are any two numbers closer to each other than\n"
                                + "    given threshold.\n    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)\n    False\n    \"\"\"\n",
                        "Code task: Check if in given list of numbers, are any two numbers closer to each other than given threshold."),
                Arguments.of("Fix the bug in this code:\n```js\nfunction add(a, b) { return a - b; }\n```",
                        "Code task: Fix the bug in this code"),
                Arguments.of("Who wrote the novel Pride and Prejudice?", "Who wrote the novel Pride and Prejudice?"),
                Arguments.of("Translate the following sentence into French: \"The weather is nice today.\"",
                        "Translate the following sentence into French"),
                Arguments.of("Summarize the following article.\n\nThe city council met on Tuesday to discuss the new budget.",
                        "Summarize the following article."),
                Arguments.of("请把下面这句话翻译成英文：“今天天气很好，我们去公园散步吧。”", "请把下面这句话翻译成英文"),
                Arguments.of("中国的首都是哪个城市？", "中国的首都是哪个城市？"),
                Arguments.of(longPassage(), "Based on the passage, what did the committee review?"),
                Arguments.of("Please write a very long and extremely detailed essay about the history of the Roman Empire "
                                + "including its rise, its peak under Trajan, the crisis of the third century, and its eventual fall",
                        "Please write a very long and extremely detailed essay about the history of the Roman Empire including its "
                                + "rise, its peak under Trajan, the crisis of the third century, and…"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void describesTheTaskNotTheContent(String prompt, String expected) {
        assertEquals(expected, OfflineTaskDescriber.describeOne(prompt));
    }

    @Test
    void chineseIsTruncatedAtSixtyIdeographs() {
        String sentence = "这是一个非常长的句子用来测试截断功能是否正常工作".repeat(5);
        String d = OfflineTaskDescriber.describeOne(sentence);
        assertEquals(sentence.substring(0, 60) + "…", d);
    }

    @Test
    void formDetection() {
        assertEquals(OfflineTaskDescriber.Form.CODE, OfflineTaskDescriber.detectForm("```\nx = 1\n```\nWhat does this print?"));
        assertEquals(OfflineTaskDescriber.Form.MULTIPLE_CHOICE, OfflineTaskDescriber.detectForm("Pick one.\n(A) yes\n(B) no"));
        assertEquals(OfflineTaskDescriber.Form.MATH, OfflineTaskDescriber.detectForm("Simplify $\\frac{2}{4}$."));
        assertEquals(OfflineTaskDescriber.Form.NONE, OfflineTaskDescriber.detectForm("How many moons does Mars have?"));
    }

    @Test
    void batchKeepsOrderIsDeterministicAndNeverEmpty() throws Exception {
        List<String> prompts = examples().map(a -> (String) a.get()[0]).toList();
        OfflineTaskDescriber describer = new OfflineTaskDescriber();
        List<String> first = describer.describe(prompts, StageContext.silent(1));
        List<String> second = describer.describe(prompts, StageContext.silent(2));
        assertEquals(first, second);
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(OfflineTaskDescriber.describeOne(prompts.get(i)), first.get(i));
            assertTrue(!first.get(i).isBlank());
        }
        assertEquals("offline-extractive/v1", describer.id());
    }

    @Test
    void honoursCancellation() {
        AtomicBoolean cancelled = new AtomicBoolean(true);
        StageContext ctx = StageContext.of(1, (f, m) -> { }, l -> { }, cancelled);
        assertThrows(CancelledException.class, () -> new OfflineTaskDescriber().describe(List.of("Explain gravity."), ctx));
    }
}
