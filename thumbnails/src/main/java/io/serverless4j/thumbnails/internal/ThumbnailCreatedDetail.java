/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.util.List;

/**
 * The {@code detail} of a {@code ThumbnailCreated} event, written as JSON by the messaging module's publisher (null
 * fields are left out).
 *
 * @param bucket the source bucket
 * @param key the source key
 * @param versionId the source version id, or null
 * @param eTag the source ETag, or null
 * @param format the source format
 * @param width the upright width in pixels
 * @param height the upright height in pixels
 * @param thumbnails the thumbnails written
 */
public record ThumbnailCreatedDetail(String bucket, String key, String versionId, String eTag, String format,
        int width, int height, List<Written> thumbnails) {

    /** The event's detail type. */
    public static final String DETAIL_TYPE = "ThumbnailCreated";

    /** Copies the list. */
    public ThumbnailCreatedDetail {
        thumbnails = List.copyOf(thumbnails);
    }

    /**
     * One thumbnail written.
     *
     * @param key its key
     * @param width its width in pixels
     * @param height its height in pixels
     * @param contentType its content type
     * @param sizeBytes its size in bytes
     */
    public record Written(String key, int width, int height, String contentType, int sizeBytes) {}
}
