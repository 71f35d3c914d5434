/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The thumbnails made from one image, in the order of the specs, with what was learnt on the way.
 *
 * @param source the source image's header
 * @param decodeScale the image was decoded at 1/{@code decodeScale} of its size (1, 2, 4 or 8 for JPEG; any
 *     positive integer for the ImageIO formats)
 * @param thumbnails one per spec, in the specs' order
 * @param decodeTime time spent reading the header and decoding
 * @param totalTime time spent in total (decode, resample, orient, encode)
 */
public record ThumbnailSet(ImageInfo source, int decodeScale, List<Thumbnail> thumbnails, Duration decodeTime,
        Duration totalTime) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException when a component is null
     */
    public ThumbnailSet {
        Objects.requireNonNull(source, "source");
        thumbnails = List.copyOf(thumbnails);
        Objects.requireNonNull(decodeTime, "decodeTime");
        Objects.requireNonNull(totalTime, "totalTime");
    }
}
