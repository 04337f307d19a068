package dev.finerouter.engine.train;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class DeviceSelectorTest {
    @Test
    void cpuIsAlwaysAvailable() throws Exception {
        TrainingDevice d = DeviceSelector.select(DeviceChoice.CPU);
        assertEquals("cpu", d.description());
        assertFalse(d.isGpu());
    }

    @Test
    void autoFallsBackToCpuAndGpuRequestFailsClearlyWithoutGpu() throws Exception {
        assumeFalse(DeviceSelector.gpuAvailable(), "this machine has a GPU");
        assertEquals("cpu", DeviceSelector.select(DeviceChoice.AUTO).description());
        EngineException e = assertThrows(EngineException.class, () -> DeviceSelector.select(DeviceChoice.GPU));
        assertTrue(e.getMessage().contains("GPU"), e.getMessage());
        assertTrue(e.hint().contains("-Pcuda"), e.hint());
    }
}
