package dev.finerouter.engine.describe;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterSummarizerTest {
    private final ClusterSummarizer summarizer = new ClusterSummarizer();

    @Test
    void medoidIsMostFrequentWithoutEmbeddingsAndTermsAreDistinctive() {
        List<List<String>> clusters = List.of(
                List.of("Math problem: how many apples are left?", "Math problem: how many apples remain?",
                        "Math problem: how many apples are left?"),
                List.of("Translate the sentence into French.", "Translate the text into German."));
        List<ClusterSummarizer.ClusterSummary> s = summarizer.summarizeDetailed(clusters, null, 0);
        assertEquals(0, s.get(0).medoidIndex());
        assertEquals(List.of("apples", "many", "math", "problem", "left"), s.get(0).terms());
        assertEquals(List.of("translate", "french", "german", "sentence", "text"), s.get(1).terms());
        assertEquals(List.of(
                "Math problem: how many apples are left? (key terms: apples, many, math, problem, left)",
                "Translate the sentence into French. (key terms: translate, french, german, sentence, text)"),
                summarizer.summarize(clusters));
    }

    @Test
    void termsUsedByEveryClusterAreNotDistinctive() {
        List<List<String>> clusters = List.of(List.of("Answer a history question."), List.of("Answer a physics question."));
        assertEquals(List.of("Answer a history question. (key terms: history)", "Answer a physics question. (key terms: physics)"),
                summarizer.summarize(clusters));
    }

    @Test
    void medoidByEmbeddingHasHighestMeanCosine() {
        List<List<String>> clusters = List.of(List.of("east", "north-east", "north"), List.of("only one"));
        float[] c0 = {1, 0, 0.7071f, 0.7071f, 0, 1};
        float[] c1 = {3, 4};
        List<ClusterSummarizer.ClusterSummary> s = summarizer.summarizeDetailed(clusters, List.of(c0, c1), 2);
        assertEquals(1, s.get(0).medoidIndex());
        assertEquals("north-east", s.get(0).medoid());
        assertEquals(0, s.get(1).medoidIndex());
    }

    @Test
    void tiesGoToTheEarliestMemberAndZeroVectorsAreSafe() {
        float[] same = {1, 0, 1, 0, 0, 0};
        assertEquals(0, ClusterSummarizer.medoidByEmbedding(3, same, 2, 0));
        assertEquals(0, ClusterSummarizer.mostFrequent(List.of("a", "b", "b", "a ", "c")));
        assertEquals(0, ClusterSummarizer.mostFrequent(List.of("x", "y")));
    }

    @Test
    void singleClusterKeepsItsMostFrequentTerms() {
        assertEquals(List.of("Sort a list. (key terms: list, sort, numbers, reverse)"),
                summarizer.summarize(List.of(List.of("Sort a list.", "Sort a list of numbers.", "Reverse a list."))));
    }

    @Test
    void tokensDropStopWordsDigitsAndSingleLetters() {
        assertEquals(Arrays.asList("multiple", "choice", "question", "mars", "中国"),
                ClusterSummarizer.tokens("Multiple-choice question: what is 42 about Mars? A 中国"));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> summarizer.summarize(List.of(List.of())));
        assertThrows(IllegalArgumentException.class,
                () -> summarizer.summarize(List.of(List.of("a", "b")), List.of(new float[3]), 2));
        assertThrows(IllegalArgumentException.class, () -> summarizer.summarize(List.of(List.of("a")), List.of(), 2));
    }
}
