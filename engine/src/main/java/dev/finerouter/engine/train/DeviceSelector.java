package dev.finerouter.engine.train;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.finerouter.engine.EngineException;

import java.lang.management.MemoryUsage;

/**
 * Picks the training device. {@link DeviceChoice#AUTO} takes the first GPU when the PyTorch engine sees one and the
 * CPU otherwise; {@link DeviceChoice#CPU} and {@link DeviceChoice#GPU} force a device. The CPU build of the engine
 * (the default) never sees a GPU; see {@code docs/decisions/0006-training-on-djl.md} for the {@code -Pcuda} build.
 */
public final class DeviceSelector {
    private DeviceSelector() {
    }

    /**
     * Selects a device.
     *
     * @param choice what the user asked for
     * @return the device and a description such as {@code "cpu"} or {@code "gpu:0 (compute capability 8.6, 24564 MiB)"}
     * @throws EngineException when a GPU is requested but none is visible, or PyTorch cannot start
     */
    public static TrainingDevice select(DeviceChoice choice) throws EngineException {
        int gpus = TorchEngine.get().getGpuCount();
        return switch (choice) {
            case CPU -> TrainingDevice.cpu();
            case AUTO -> gpus > 0 ? gpu() : TrainingDevice.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new EngineException("a GPU was requested but PyTorch sees none",
                            "use --device auto or cpu; for an NVIDIA GPU build with 'mvn -Pcuda' (see docs/decisions/0006-training-on-djl.md)",
                            null);
                }
                yield gpu();
            }
        };
    }

    private static TrainingDevice gpu() {
        Device device = Device.gpu(0);
        return new TrainingDevice(device, "gpu:0" + gpuDetails());
    }

    private static String gpuDetails() {
        try {
            String capability = CudaUtils.getComputeCapability(0);
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(0));
            return " (compute capability " + capability + ", " + (memory.getMax() >> 20) + " MiB)";
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** The engine in use and its native version, e.g. {@code "PyTorch 2.7.1"} (starts the engine). */
    public static String engineDescription() throws EngineException {
        return TorchEngine.NAME + " " + TorchEngine.get().getVersion();
    }

    /** Whether the PyTorch engine in use can see any GPU. */
    public static boolean gpuAvailable() throws EngineException {
        return TorchEngine.get().getGpuCount() > 0;
    }
}
