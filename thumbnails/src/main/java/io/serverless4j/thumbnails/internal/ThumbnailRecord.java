/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The metadata item, one per (bucket, key, version): written last, so its presence means "done". A mutable bean
 * only because the enhanced client's static schema maps through getters and setters; never leaves this package.
 */
public final class ThumbnailRecord {

    /** Built once: table schemas are expensive to build. No reflection (a static schema). */
    public static final TableSchema<ThumbnailRecord> SCHEMA = StaticTableSchema.builder(ThumbnailRecord.class)
            .newItemSupplier(ThumbnailRecord::new)
            .addAttribute(String.class, a -> a.name("id").getter(ThumbnailRecord::getId)
                    .setter(ThumbnailRecord::setId).tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("bucket").getter(ThumbnailRecord::getBucket)
                    .setter(ThumbnailRecord::setBucket))
            .addAttribute(String.class, a -> a.name("sourceKey").getter(ThumbnailRecord::getSourceKey)
                    .setter(ThumbnailRecord::setSourceKey))
            .addAttribute(String.class, a -> a.name("versionId").getter(ThumbnailRecord::getVersionId)
                    .setter(ThumbnailRecord::setVersionId))
            .addAttribute(String.class, a -> a.name("eTag").getter(ThumbnailRecord::getETag)
                    .setter(ThumbnailRecord::setETag))
            .addAttribute(String.class, a -> a.name("format").getter(ThumbnailRecord::getFormat)
                    .setter(ThumbnailRecord::setFormat))
            .addAttribute(Integer.class, a -> a.name("width").getter(ThumbnailRecord::getWidth)
                    .setter(ThumbnailRecord::setWidth))
            .addAttribute(Integer.class, a -> a.name("height").getter(ThumbnailRecord::getHeight)
                    .setter(ThumbnailRecord::setHeight))
            .addAttribute(Integer.class, a -> a.name("orientation").getter(ThumbnailRecord::getOrientation)
                    .setter(ThumbnailRecord::setOrientation))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("thumbnails")
                    .getter(ThumbnailRecord::getThumbnails).setter(ThumbnailRecord::setThumbnails))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ThumbnailRecord::getCreatedAt)
                    .setter(ThumbnailRecord::setCreatedAt))
            .addAttribute(Long.class, a -> a.name("decodeMicros").getter(ThumbnailRecord::getDecodeMicros)
                    .setter(ThumbnailRecord::setDecodeMicros))
            .addAttribute(Long.class, a -> a.name("totalMicros").getter(ThumbnailRecord::getTotalMicros)
                    .setter(ThumbnailRecord::setTotalMicros))
            .build();

    private String id;
    private String bucket;
    private String sourceKey;
    private String versionId;
    private String eTag;
    private String format;
    private Integer width;
    private Integer height;
    private Integer orientation;
    private List<String> thumbnails;
    private String createdAt;
    private Long decodeMicros;
    private Long totalMicros;

    /** @return the partition key: {@code bucket/key#v:versionId} or {@code bucket/key#e:eTag} */
    public String getId() {
        return id;
    }

    /** @param id the partition key */
    public void setId(String id) {
        this.id = id;
    }

    /** @return the bucket */
    public String getBucket() {
        return bucket;
    }

    /** @param bucket the bucket */
    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    /** @return the source key */
    public String getSourceKey() {
        return sourceKey;
    }

    /** @param sourceKey the source key */
    public void setSourceKey(String sourceKey) {
        this.sourceKey = sourceKey;
    }

    /** @return the version id, or null */
    public String getVersionId() {
        return versionId;
    }

    /** @param versionId the version id */
    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    /** @return the ETag, or null */
    public String getETag() {
        return eTag;
    }

    /** @param eTag the ETag */
    public void setETag(String eTag) {
        this.eTag = eTag;
    }

    /** @return the source format */
    public String getFormat() {
        return format;
    }

    /** @param format the source format */
    public void setFormat(String format) {
        this.format = format;
    }

    /** @return the stored width in pixels */
    public Integer getWidth() {
        return width;
    }

    /** @param width the stored width in pixels */
    public void setWidth(Integer width) {
        this.width = width;
    }

    /** @return the stored height in pixels */
    public Integer getHeight() {
        return height;
    }

    /** @param height the stored height in pixels */
    public void setHeight(Integer height) {
        this.height = height;
    }

    /** @return the EXIF orientation */
    public Integer getOrientation() {
        return orientation;
    }

    /** @param orientation the EXIF orientation */
    public void setOrientation(Integer orientation) {
        this.orientation = orientation;
    }

    /** @return one entry per thumbnail: {@code key width height contentType sizeBytes} */
    public List<String> getThumbnails() {
        return thumbnails;
    }

    /** @param thumbnails one entry per thumbnail */
    public void setThumbnails(List<String> thumbnails) {
        this.thumbnails = thumbnails;
    }

    /** @return ISO-8601 instant */
    public String getCreatedAt() {
        return createdAt;
    }

    /** @param createdAt ISO-8601 instant */
    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    /** @return decode time in microseconds */
    public Long getDecodeMicros() {
        return decodeMicros;
    }

    /** @param decodeMicros decode time in microseconds */
    public void setDecodeMicros(Long decodeMicros) {
        this.decodeMicros = decodeMicros;
    }

    /** @return total time in microseconds (download to last upload) */
    public Long getTotalMicros() {
        return totalMicros;
    }

    /** @param totalMicros total time in microseconds */
    public void setTotalMicros(Long totalMicros) {
        this.totalMicros = totalMicros;
    }
}
