package dev.finerouter.viz.graph;

import dev.finerouter.viz.graph.LabelPlacement.Box;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelPlacementTest {
    @Test
    void boxesOverlapOnlyWithInteriors() {
        Box a = new Box(0, 0, 10, 10);
        assertTrue(a.overlaps(new Box(9, 9, 5, 5)));
        assertFalse(a.overlaps(new Box(10, 0, 5, 5)), "touching edges");
        assertTrue(new Box(2, 2, 3, 3).inside(a));
        assertFalse(new Box(8, 8, 3, 3).inside(a));
        assertEquals(new Box(-2, 3, 4, 4), Box.ofCircle(0, 5, 2));
    }

    @Test
    void candidatesAroundACircleAreRightLeftAboveBelowThenCorners() {
        List<Box> c = LabelPlacement.around(0, 0, 5, 20, 10, 1);
        assertEquals(List.of(new Box(6, -5, 20, 10), new Box(-26, -5, 20, 10), new Box(-10, -16, 20, 10), new Box(-10, 6, 20, 10),
                new Box(-20, -16, 20, 10), new Box(0, -16, 20, 10), new Box(-20, 6, 20, 10), new Box(0, 6, 20, 10)), c);
    }

    @Test
    void aLaterLabelTakesItsNextFreePositionOrIsLeftOut() {
        // label 0 right of its node; label 1's right box overlaps label 0, its left one is free
        List<List<Box>> candidates = List.of(
                List.of(new Box(10, 0, 20, 10)),
                List.of(new Box(15, 5, 20, 10), new Box(-30, 5, 20, 10)),
                List.of(new Box(12, 2, 5, 5)));
        assertArrayEquals(new int[]{0, 1, -1}, LabelPlacement.place(candidates, List.of(), null));
    }

    @Test
    void labelsAvoidNodesAndStayInTheView() {
        List<List<Box>> candidates = List.of(
                List.of(new Box(0, 0, 10, 10), new Box(20, 0, 10, 10)),
                List.of(new Box(95, 0, 10, 10), new Box(80, 0, 10, 10)));
        List<Box> nodes = List.of(Box.ofCircle(5, 5, 3));
        assertArrayEquals(new int[]{1, 1}, LabelPlacement.place(candidates, nodes, new Box(0, 0, 100, 100)),
                "the first overlaps a node, the second leaves the view");
    }
}
