package dev.finerouter.app.playground;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NearestPromptsTest {
    // rows (2-d): 0 = (1, 0), 1 = (0, 1), 2 = (1, 1), 3 = (2, 0), 4 = (-1, 0)
    static final float[] E = {1, 0, 0, 1, 1, 1, 2, 0, -1, 0};

    @Test
    void mostSimilarFirstByCosineNotByLength() {
        List<NearestPrompts.Neighbour> n = NearestPrompts.find(new float[]{3, 0}, E, 2, new int[]{0, 1, 2, 3, 4}, 3);
        assertEquals(List.of(0, 3, 2), n.stream().map(NearestPrompts.Neighbour::row).toList(), "0 and 3 tie at 1.0: lower row first");
        assertEquals(1.0, n.get(0).similarity(), 1e-12);
        assertEquals(1.0, n.get(1).similarity(), 1e-12);
        assertEquals(Math.sqrt(0.5), n.get(2).similarity(), 1e-12);
    }

    @Test
    void onlyTheCandidateRowsAreSearched() {
        List<NearestPrompts.Neighbour> n = NearestPrompts.find(new float[]{1, 0}, E, 2, new int[]{1, 4}, 5);
        assertEquals(List.of(1, 4), n.stream().map(NearestPrompts.Neighbour::row).toList());
        assertEquals(0.0, n.get(0).similarity(), 1e-12);
        assertEquals(-1.0, n.get(1).similarity(), 1e-12);
    }

    @Test
    void aZeroQueryHasSimilarityZeroEverywhere() {
        List<NearestPrompts.Neighbour> n = NearestPrompts.find(new float[]{0, 0}, E, 2, new int[]{2, 0}, 2);
        assertEquals(List.of(0, 2), n.stream().map(NearestPrompts.Neighbour::row).toList());
        assertEquals(0.0, n.get(0).similarity());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NearestPrompts.find(new float[]{1}, E, 2, new int[]{0}, 1));
        assertThrows(IllegalArgumentException.class, () -> NearestPrompts.find(new float[]{1, 0}, E, 2, new int[]{0}, -1));
    }
}
