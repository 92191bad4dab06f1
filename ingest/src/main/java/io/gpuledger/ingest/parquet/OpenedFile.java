package io.gpuledger.ingest.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet file opened once: its length and every stream read the same open file, so a collector that replaces the
 * month meanwhile (a new file renamed over the old name) changes nothing this reader sees: it reads the version it
 * opened, whole. parquet-java's {@code LocalInputFile} asks the path for its length and reopens the path per stream.
 */
final class OpenedFile implements InputFile, AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final long length;

    OpenedFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.length = channel.size();
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new PositionalStream();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Reads by position, so several streams over the one channel never disturb each other. */
    private final class PositionalStream extends DelegatingSeekableInputStream {
        private long position;

        PositionalStream() {
            super(null);
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) {
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(bytes, off, len));
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            if (!buf.hasRemaining()) {
                return 0;
            }
            int n = channel.read(buf, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new java.io.EOFException(path + ": ends at byte " + position + " (truncated?)");
                }
            }
        }

        @Override
        public long skip(long n) {
            position += n;
            return n;
        }

        @Override
        public void close() {
            // the channel belongs to the OpenedFile
        }
    }
}
