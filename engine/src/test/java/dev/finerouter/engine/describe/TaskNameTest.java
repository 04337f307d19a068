package dev.finerouter.engine.describe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskNameTest {
    @Test
    void nameIsTheFirstDistinctKeyTermsAndTheExampleTheMedoid() {
        TaskName n = TaskName.of("What is the capital city of Suriname? (key terms: capital, capitals, currency, border, city)");
        assertEquals("capital · currency · border", n.name(), "capitals repeats capital");
        assertEquals("What is the capital city of Suriname?", n.example());
        assertEquals(List.of("capital", "capitals", "currency", "border", "city"), n.terms());
    }

    @Test
    void roundTripsTheSummarizersText() {
        ClusterSummarizer.ClusterSummary s = new ClusterSummarizer.ClusterSummary("Translate into German", 0, List.of("german", "translate"));
        TaskName n = TaskName.of(s.text());
        assertEquals("german · translate", n.name());
        assertEquals("Translate into German", n.example());
    }

    @Test
    void genericWordsOnlyFillANameThatHasTooFewOthers() {
        assertEquals("currency · capital · official",
                TaskName.of("What is the capital city of Suriname? (key terms: currency, used, capital, official, language)").name());
        assertEquals("sum · probability · find",
                TaskName.of("Math problem: find the sum (key terms: find, sum, probability)").name(), "generic words last");
    }

    @Test
    void aSummaryWithoutKeyTermsIsItsOwnName() {
        TaskName n = TaskName.of("Questions about world capitals (LLM summary)");
        assertEquals("Questions about world capitals (LLM summary)", n.name());
        assertEquals(n.name(), n.example());
        assertTrue(n.terms().isEmpty());
        assertEquals("", TaskName.of(null).name());
    }

    @Test
    void similarTermsShareAPrefixOrContainEachOther() {
        assertTrue(TaskName.similar("translate", "translation"));
        assertTrue(TaskName.similar("code", "coder"));
        assertFalse(TaskName.similar("capital", "currency"));
        assertFalse(TaskName.similar("math", "mats"));
    }
}
