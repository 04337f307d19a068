package dev.finerouter.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TaskAssignmentTest {
    @Test
    void smallCommunitiesGoToOthersAndTasksAreOrderedBySize() {
        // communities: c0 = {0,1,6} (3), c1 = {2,3,4,7} (4), c2 = {5} (1), c3 = {8} (1); min size 3
        int[] tasks = IterativeTaskDiscovery.finalTasks(new int[] {0, 0, 1, 1, 1, 2, 0, 1, 3}, 4, 3);
        assertArrayEquals(new int[] {1, 1, 0, 0, 0, -1, 1, 0, -1}, tasks);
    }

    @Test
    void equalSizesOrderedByFirstPrompt() {
        // c0 = {1,2}, c1 = {0,3}: c1 holds prompt 0 → task 0
        assertArrayEquals(new int[] {0, 1, 1, 0}, IterativeTaskDiscovery.finalTasks(new int[] {1, 0, 0, 1}, 2, 1));
    }

    @Test
    void membersAndOthers() {
        TaskAssignment a = new TaskAssignment(new int[] {1, 1, 0, -1, 0, 0}, new int[] {4, 2});
        assertEquals(2, a.taskCount());
        assertArrayEquals(new int[] {2, 4, 5}, a.members(0));
        assertArrayEquals(new int[] {0, 1}, a.members(1));
        assertArrayEquals(new int[] {3}, a.othersMembers());
        assertEquals(-1, a.taskOf(3));
        assertArrayEquals(new int[] {4, 2}, a.communitiesPerLevel());
        assertThrows(IllegalArgumentException.class, () -> new TaskAssignment(new int[] {1, 1}, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new TaskAssignment(new int[] {-2}, new int[0]));
    }

    @Test
    void configValidates() {
        Stage1Config d = Stage1Config.defaults();
        assertEquals(5, d.k());
        assertEquals(0.4, d.tau());
        assertEquals(3, d.levels());
        assertEquals(0.8, d.delta());
        assertEquals(60, d.epsilon());
        assertThrows(IllegalArgumentException.class, () -> d.withTau(-0.1));
        assertThrows(IllegalArgumentException.class, () -> d.withLevels(0));
        assertThrows(IllegalArgumentException.class, () -> d.withMinTaskSize(0));
        assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().k(0).build());
        assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().delta(0).build());
        assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().rboPersistence(1).build());
    }
}
