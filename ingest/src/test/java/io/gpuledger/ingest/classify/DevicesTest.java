package io.gpuledger.ingest.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** rules §2.7: device short names, old devices, performance tiers; rules §1.2: NULL/blank device is {@code Unknown}. */
class DevicesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # GPUs_DeviceName            | Short
            NVIDIA A100-SXM4-40GB        | A100 40GB
            NVIDIA A100-SXM4-80GB        | A100 80GB
            NVIDIA A30                   | A30
            NVIDIA A40                   | A40
            NVIDIA GeForce GTX 1080 Ti   | GTX 1080 Ti
            NVIDIA GeForce RTX 2080 Ti   | RTX 2080 Ti
            NVIDIA H100 80GB HBM3        | H100 80GB
            NVIDIA H200                  | H200
            NVIDIA L40                   | L40
            NVIDIA L40S                  | L40S
            Quadro RTX 6000              | Quadro RTX 6000
            Tesla P100-PCIE-16GB         | Tesla P100 16GB
            """)
    void shortNameTable(String deviceName, String shortName) {
        assertThat(Devices.shortName(deviceName)).isEqualTo(shortName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tesla V100-SXM2-32GB", "Tesla A100-SXM4-40GB", "NVIDIA H200 NVL",
            "NVIDIA A100-SXM4-80GB MIG 3g.40gb", "nvidia h200", "Unknown"})
    void unmappedNameIsShownUnchanged(String deviceName) {
        assertThat(Devices.shortName(deviceName)).isEqualTo(deviceName);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   "})
    void nullOrBlankDeviceNameIsUnknown(String stored) {
        assertThat(Devices.deviceName(stored)).isEqualTo("Unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVIDIA H200", " NVIDIA H200", "Tesla P100-PCIE-16GB"})
    void otherDeviceNamesAreKeptAsStored(String stored) {
        assertThat(Devices.deviceName(stored)).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}: old={1}")
    @CsvSource(delimiter = '|', textBlock = """
            # GPUs_DeviceName                  | old (contains GTX 1080, P100, Quadro, A30 or A40)
            NVIDIA GeForce GTX 1080 Ti         | true
            NVIDIA GeForce GTX 1080            | true
            Tesla P100-PCIE-16GB               | true
            Quadro RTX 6000                    | true
            NVIDIA A30                         | true
            NVIDIA A40                         | true
            # rules §2.7: a substring test, so an RTX A4000 is old (it contains A40)
            NVIDIA RTX A4000                   | true
            NVIDIA GeForce RTX 2080 Ti         | false
            NVIDIA A100-SXM4-40GB              | false
            NVIDIA A100-SXM4-80GB              | false
            NVIDIA H100 80GB HBM3              | false
            NVIDIA H200                        | false
            NVIDIA H200 NVL                    | false
            NVIDIA L40                         | false
            NVIDIA L40S                        | false
            NVIDIA RTX A5000                   | false
            Tesla V100-SXM2-32GB               | false
            Tesla A100-SXM4-40GB               | false
            Unknown                            | false
            # case-sensitive
            nvidia a40                         | false
            quadro rtx 6000                    | false
            Tesla p100-PCIE-16GB               | false
            """)
    void oldDevicesAreACaseSensitiveSubstringTest(String deviceName, boolean old) {
        assertThat(Devices.isOld(deviceName)).isEqualTo(old);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw name                           | tier (Flagship: contains H100, H200, A100-SXM4-80GB or A100 80GB)
            NVIDIA H100 80GB HBM3                | FLAGSHIP
            NVIDIA H200                          | FLAGSHIP
            NVIDIA H200 NVL                      | FLAGSHIP
            NVIDIA A100-SXM4-80GB                | FLAGSHIP
            NVIDIA A100-SXM4-80GB MIG 3g.40gb    | FLAGSHIP
            NVIDIA A100 80GB PCIe                | FLAGSHIP
            NVIDIA A100-SXM4-40GB                | STANDARD
            Tesla A100-SXM4-40GB                 | STANDARD
            NVIDIA L40S                          | STANDARD
            Tesla P100-PCIE-16GB                 | STANDARD
            nvidia h100                          | STANDARD
            Unknown                              | STANDARD
            """)
    void performanceTierFromTheRawName(String deviceName, Devices.Tier tier) {
        assertThat(Devices.tier(deviceName)).isEqualTo(tier);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FLAGSHIP | Flagship
            STANDARD | Standard
            """)
    void tierLabels(Devices.Tier tier, String label) {
        assertThat(tier.label()).isEqualTo(label);
    }
}
