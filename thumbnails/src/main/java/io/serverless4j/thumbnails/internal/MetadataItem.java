/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The metadata item, one per (bucket, key, version): written last, so its presence means "done". Written with the
 * low-level client because every request carries the retry policy's per-attempt settings, which the enhanced
 * client's requests cannot take; null values are left out, as the enhanced client did.
 *
 * @param id the partition key: {@code bucket/key#v:versionId} or {@code bucket/key#e:eTag}
 * @param bucket the bucket
 * @param sourceKey the source key
 * @param versionId the version id, or null
 * @param eTag the ETag, or null
 * @param format the source format
 * @param width the stored width in pixels
 * @param height the stored height in pixels
 * @param orientation the EXIF orientation
 * @param thumbnails one entry per thumbnail: {@code key width height contentType sizeBytes}
 * @param createdAt ISO-8601 instant
 * @param decodeMicros decode time in microseconds
 * @param totalMicros total time in microseconds (download to last upload)
 */
public record MetadataItem(String id, String bucket, String sourceKey, String versionId, String eTag, String format,
        int width, int height, int orientation, List<String> thumbnails, String createdAt, long decodeMicros,
        long totalMicros) {

    /** The partition key's attribute name. */
    public static final String ID = "id";

    /** Validates and copies. */
    public MetadataItem {
        Objects.requireNonNull(id, "id");
        thumbnails = List.copyOf(thumbnails);
    }

    /**
     * The item as DynamoDB attributes.
     *
     * @return the attributes; null values left out
     */
    public Map<String, AttributeValue> toAttributes() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, AttributeValue.fromS(id));
        putString(item, "bucket", bucket);
        putString(item, "sourceKey", sourceKey);
        putString(item, "versionId", versionId);
        putString(item, "eTag", eTag);
        putString(item, "format", format);
        item.put("width", AttributeValue.fromN(Integer.toString(width)));
        item.put("height", AttributeValue.fromN(Integer.toString(height)));
        item.put("orientation", AttributeValue.fromN(Integer.toString(orientation)));
        item.put("thumbnails", AttributeValue.fromL(thumbnails.stream().map(AttributeValue::fromS).toList()));
        putString(item, "createdAt", createdAt);
        item.put("decodeMicros", AttributeValue.fromN(Long.toString(decodeMicros)));
        item.put("totalMicros", AttributeValue.fromN(Long.toString(totalMicros)));
        return item;
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
