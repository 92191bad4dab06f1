package io.gpuledger.ingest.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-java's own codec factory goes through Hadoop's codec classes. The original
 * collector writes zstd; files written by pandas are snappy by default; gzip and uncompressed pages also occur. Any
 * other codec is a one-line error naming it.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    /** The collector's level; higher levels cost the writer much more for a few percent. */
    private static final int ZSTD_LEVEL = 3;

    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] raw = bytes.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(raw);
                    case ZSTD -> BytesInput.from(Zstd.compress(raw, ZSTD_LEVEL));
                    case SNAPPY -> BytesInput.from(Snappy.compress(raw));
                    case GZIP -> BytesInput.from(gzip(raw));
                    default -> throw unsupported(codec);
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return BytesInput.from(decompressed(codec, bytes.toByteArray(), uncompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompressed(codec, in, uncompressedSize));
            }

            @Override
            public void release() {
            }
        };
    }

    private static byte[] decompressed(CompressionCodecName codec, byte[] in, int uncompressedSize)
            throws IOException {
        byte[] out = switch (codec) {
            case UNCOMPRESSED -> in;
            case ZSTD -> Zstd.decompress(in, uncompressedSize);
            case SNAPPY -> Snappy.uncompress(in);
            case GZIP -> new GZIPInputStream(new java.io.ByteArrayInputStream(in)).readAllBytes();
            default -> throw unsupported(codec);
        };
        if (out.length != uncompressedSize) {
            throw new IOException(codec + " page holds " + out.length + " bytes, its header says " + uncompressedSize);
        }
        return out;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static IOException unsupported(CompressionCodecName codec) {
        return new IOException("pages compressed with " + codec + ", which gpuledger does not read"
                + " (zstd, snappy, gzip or none)");
    }

    @Override
    public void release() {
    }
}
