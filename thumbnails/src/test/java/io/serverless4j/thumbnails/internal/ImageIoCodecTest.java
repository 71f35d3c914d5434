/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Test;

/** How ImageIO's failures become our kinds of bad image data, and which ones must not. */
class ImageIoCodecTest {

    @Test
    void anOutOfMemoryErrorInsideImageIoIsNotABadImage() {
        // ImageIO's PNG reader wraps whatever it catches in an IIOException, a too-small heap included.
        IIOException wrapped = new IIOException("Caught exception during read: ",
                new OutOfMemoryError("Java heap space"));
        assertThatThrownBy(() -> ImageIoCodec.map(wrapped)).isInstanceOf(OutOfMemoryError.class)
                .hasMessage("Java heap space");
    }

    @Test
    void endOfFileIsTruncatedAndOtherReadErrorsAreCorrupt() {
        assertThat(ImageIoCodec.map(new IIOException("read", new EOFException())).kind())
                .isEqualTo(BadImageData.Kind.TRUNCATED);
        assertThat(ImageIoCodec.map(new IIOException("Bogus marker length")).kind())
                .isEqualTo(BadImageData.Kind.CORRUPT);
        assertThat(ImageIoCodec.map(new IIOException("Unsupported Image Type")).kind())
                .isEqualTo(BadImageData.Kind.UNSUPPORTED);
    }
}
