package dev.finerouter.app.inspector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InspectorPartsTest {
    @Test
    void anExtractedInstructionThatOnlyRepeatsThePromptIsBlank() {
        assertEquals("", InspectorViewModel.extracted("What is the capital city of Suriname?", "What is the capital city of Suriname?"));
        assertEquals("", InspectorViewModel.extracted("How many  apples are left\nafter 3 days?",
                "Math problem: How many apples are left after 3 days?"), "form prefix and whitespace ignored");
        assertEquals("", InspectorViewModel.extracted("a b c d e f", "a b c…"), "a truncated repeat");
        assertEquals("who founded the bookshop?", InspectorViewModel.extracted(
                "Read the passage and answer. Passage: The bookshop was founded by Ana. Question: who founded the bookshop?",
                "who founded the bookshop?"));
    }
}
