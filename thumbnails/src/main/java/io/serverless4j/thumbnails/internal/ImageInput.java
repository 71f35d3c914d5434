/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An image file arriving as a stream: enforces the input size limit as bytes arrive (the stream's declared length
 * is not trusted), and keeps what was read from the start until {@link #forget()}, so the caller can sniff the
 * format, let a streaming decoder read the header, and still hand the whole file to ImageIO when that decoder
 * cannot take it. Read failures surface as {@link ReadFailure}; going over the limit as
 * {@link BadImageData} ({@link BadImageData.Kind#TOO_LARGE}). Not thread-safe.
 */
public final class ImageInput extends InputStream {

    /** The stream failed: its exception, unchecked, so it passes through the decoders to the caller. */
    public static final class ReadFailure extends UncheckedIOException {

        private static final long serialVersionUID = 1L;

        ReadFailure(String message, Exception cause) {
            super(message, cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
        }
    }

    private final InputStream in;
    private final long limit;
    private long received;
    private ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private byte[] replay;
    private int replayPos;

    /**
     * Wraps a stream positioned at the file's first byte; the stream is not closed.
     *
     * @param in the file
     * @param limit the most bytes the file may have
     */
    public ImageInput(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /**
     * Reads the first bytes of the file and rewinds, so the next read starts at the first byte again.
     *
     * @param n how many bytes to look at
     * @return up to {@code n} bytes (fewer when the file is shorter)
     */
    public byte[] peek(int n) {
        rewind();
        byte[] head = readUpTo(n);
        rewind();
        return head;
    }

    /**
     * Reads the whole file, from its first byte, into memory.
     *
     * @return the file
     */
    public byte[] readAllFromStart() {
        rewind();
        recorded = null; // the replay holds the start; keeping the rest twice would double the memory
        try {
            return readAllBytes();
        } catch (IOException e) {
            throw new ReadFailure(e.getMessage(), e); // read() throws none; readAllBytes declares it
        }
    }

    /**
     * Stops keeping what was read: the decoder now reading will not need the file again. Bytes being replayed
     * are still served.
     */
    public void forget() {
        recorded = null;
        if (replay != null && replayPos >= replay.length) {
            replay = null;
        }
    }

    /**
     * How many bytes of the file have arrived so far.
     *
     * @return the count
     */
    public long received() {
        return received;
    }

    private void rewind() {
        if (recorded == null) {
            throw new IllegalStateException("the start of the stream was forgotten");
        }
        replay = recorded.toByteArray();
        replayPos = 0;
    }

    private byte[] readUpTo(int n) {
        try {
            return readNBytes(n);
        } catch (IOException e) {
            throw new ReadFailure(e.getMessage(), e); // read() throws none; readNBytes declares it
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (replay != null) {
            if (replayPos < replay.length) {
                int n = Math.min(len, replay.length - replayPos);
                System.arraycopy(replay, replayPos, b, off, n);
                replayPos += n;
                return n;
            }
            replay = null;
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            // Whatever the stream throws (an SDK stream may throw unchecked exceptions) is the stream's failure.
            throw new ReadFailure("reading the image failed after " + received + " bytes: " + e.getMessage(), e);
        }
        if (n > 0) {
            received += n;
            if (received > limit) {
                throw new BadImageData(BadImageData.Kind.TOO_LARGE, "the file is more than " + limit
                        + " bytes, the limit; reading stopped there");
            }
            if (recorded != null) {
                recorded.write(b, off, n);
            }
        }
        return n;
    }
}
