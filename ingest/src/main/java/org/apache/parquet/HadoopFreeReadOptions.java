package org.apache.parquet;

import java.util.HashMap;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Read options built without touching Hadoop. {@link ParquetReadOptions.Builder}'s constructor always creates Hadoop's
 * codec factory (which loads Hadoop's {@code Configuration} and its XML parser, some 50 MB of jars gpuledger does not
 * ship); the options' own constructor is package-private, hence this class in parquet-java's package. The values are
 * the builder's defaults, except the codecs.
 */
public final class HadoopFreeReadOptions {

    private static final int MAX_ALLOCATION_SIZE = 8 * 1024 * 1024;

    private HadoopFreeReadOptions() {
    }

    public static ParquetReadOptions with(CompressionCodecFactory codecs) {
        return new ParquetReadOptions(
                false, // useSignedStringMinMax
                true, // useStatsFilter
                true, // useDictionaryFilter
                true, // useRecordFilter
                true, // useColumnIndexFilter
                false, // usePageChecksumVerification
                true, // useBloomFilter
                false, // useOffHeapDecryptBuffer
                false, // useHadoopVectoredIo
                FilterCompat.NOOP,
                ParquetMetadataConverter.NO_FILTER,
                codecs,
                new HeapByteBufferAllocator(),
                MAX_ALLOCATION_SIZE,
                new HashMap<>(),
                null,
                null,
                new PlainParquetConfiguration());
    }
}
