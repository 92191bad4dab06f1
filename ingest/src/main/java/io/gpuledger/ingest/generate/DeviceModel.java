package io.gpuledger.ingest.generate;

import java.util.List;

/**
 * A GPU model as the collector records it: {@code GPUs_DeviceName} and {@code GPUs_GlobalMemoryMb}. The memory values
 * are the ones real startds advertise, so memory categories (rules §2.7) come out as in production.
 *
 * @param deviceName the exact {@code GPUs_DeviceName} text
 * @param memoryMb   {@code GPUs_GlobalMemoryMb} in MiB
 * @param mig        a MIG instance (its id is {@code MIG-<uuid>}, rules §1.4)
 */
public record DeviceModel(String deviceName, long memoryMb, boolean mig) {

    public static final DeviceModel H200 = new DeviceModel("NVIDIA H200", 143_771, false);
    public static final DeviceModel H100_80GB = new DeviceModel("NVIDIA H100 80GB HBM3", 81_559, false);
    public static final DeviceModel A100_80GB = new DeviceModel("NVIDIA A100-SXM4-80GB", 81_920, false);
    public static final DeviceModel A100_40GB = new DeviceModel("NVIDIA A100-SXM4-40GB", 40_960, false);
    public static final DeviceModel L40S = new DeviceModel("NVIDIA L40S", 46_068, false);
    public static final DeviceModel L40 = new DeviceModel("NVIDIA L40", 45_596, false);
    public static final DeviceModel A40 = new DeviceModel("NVIDIA A40", 45_634, false);
    public static final DeviceModel A30 = new DeviceModel("NVIDIA A30", 24_169, false);
    public static final DeviceModel RTX_2080_TI = new DeviceModel("NVIDIA GeForce RTX 2080 Ti", 11_019, false);
    public static final DeviceModel GTX_1080_TI = new DeviceModel("NVIDIA GeForce GTX 1080 Ti", 11_178, false);
    public static final DeviceModel P100 = new DeviceModel("Tesla P100-PCIE-16GB", 16_384, false);
    public static final DeviceModel QUADRO_RTX_6000 = new DeviceModel("Quadro RTX 6000", 24_220, false);
    public static final DeviceModel A100_80GB_MIG_3G = new DeviceModel("NVIDIA A100-SXM4-80GB MIG 3g.40gb", 40_192, true);
    public static final DeviceModel A100_80GB_MIG_2G = new DeviceModel("NVIDIA A100-SXM4-80GB MIG 2g.20gb", 19_968, true);

    /** Every model the generator uses, for documentation and tests. */
    public static final List<DeviceModel> ALL = List.of(H200, H100_80GB, A100_80GB, A100_40GB, L40S, L40, A40, A30,
            RTX_2080_TI, GTX_1080_TI, P100, QUADRO_RTX_6000, A100_80GB_MIG_3G, A100_80GB_MIG_2G);

    public boolean isH200() {
        return this == H200 || deviceName.equals(H200.deviceName);
    }
}
