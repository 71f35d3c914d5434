/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.Objects;

/**
 * One thumbnail to make: a box, how to fit it, and the output format. Immutable and thread-safe.
 *
 * <pre>{@code
 * ThumbnailSpec small = ThumbnailSpec.builder().box(256, 256).build();           // JPEG, inside 256x256
 * ThumbnailSpec square = ThumbnailSpec.builder().name("sq").box(128, 128).fit(FitMode.COVER)
 *         .format(OutputFormat.PNG).build();
 * }</pre>
 */
public final class ThumbnailSpec {

    private final String name;
    private final int width;
    private final int height;
    private final FitMode fit;
    private final OutputFormat format;
    private final float quality;

    private ThumbnailSpec(Builder b) {
        this.width = b.width;
        this.height = b.height;
        this.name = b.name != null ? b.name : width == height ? Integer.toString(width) : width + "x" + height;
        this.fit = b.fit;
        this.format = b.format;
        this.quality = b.quality;
    }

    /**
     * Starts a spec: JPEG at quality 0.85, fit {@link FitMode#INSIDE}; the box is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this spec's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.width = width;
        b.height = height;
        b.fit = fit;
        b.format = format;
        b.quality = quality;
        return b;
    }

    /**
     * The name, used in the output key {@code thumb/<name>/<key>}.
     *
     * @return by default the box size, e.g. {@code 256} or {@code 320x200}
     */
    public String name() {
        return name;
    }

    /**
     * The box width.
     *
     * @return in pixels
     */
    public int width() {
        return width;
    }

    /**
     * The box height.
     *
     * @return in pixels
     */
    public int height() {
        return height;
    }

    /**
     * How the image fits the box.
     *
     * @return the fit mode
     */
    public FitMode fit() {
        return fit;
    }

    /**
     * The output format.
     *
     * @return the format
     */
    public OutputFormat format() {
        return format;
    }

    /**
     * The JPEG (or WebP) quality.
     *
     * @return 0.0 to 1.0
     */
    public float quality() {
        return quality;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThumbnailSpec s && name.equals(s.name) && width == s.width && height == s.height
                && fit == s.fit && format == s.format && quality == s.quality;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, width, height, fit, format, quality);
    }

    @Override
    public String toString() {
        return "ThumbnailSpec[" + name + ": " + width + "x" + height + " " + fit + " " + format
                + (format == OutputFormat.PNG ? "" : " q=" + quality) + "]";
    }

    /** Builds a {@link ThumbnailSpec}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private int width;
        private int height;
        private FitMode fit = FitMode.INSIDE;
        private OutputFormat format = OutputFormat.JPEG;
        private float quality = 0.85f;

        private Builder() {}

        /**
         * The name used in the output key; letters, digits, {@code -}, {@code _}, {@code .} and {@code x}.
         *
         * @param name 1 to 64 characters
         * @return this builder
         * @throws NullPointerException when null
         * @throws IllegalArgumentException when empty, too long or not a safe key segment
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("name must be 1-64 of [A-Za-z0-9._-], was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * The box, in pixels.
         *
         * @param width 1 to 8192
         * @param height 1 to 8192
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder box(int width, int height) {
            if (width < 1 || width > 8192 || height < 1 || height > 8192) {
                throw new IllegalArgumentException("box must be 1..8192 pixels each way, was " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * How the image fits the box.
         *
         * @param fit the fit mode
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder fit(FitMode fit) {
            this.fit = Objects.requireNonNull(fit, "fit");
            return this;
        }

        /**
         * The output format.
         *
         * @param format the format
         * @return this builder
         * @throws NullPointerException when null
         */
        public Builder format(OutputFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The JPEG (or WebP) quality.
         *
         * @param quality 0.0 to 1.0; default 0.85
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder quality(float quality) {
            if (!(quality >= 0f && quality <= 1f)) {
                throw new IllegalArgumentException("quality must be 0.0 to 1.0, was " + quality);
            }
            this.quality = quality;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the immutable spec
         * @throws IllegalStateException when no box was set, or the format has no encoder in this JVM
         */
        public ThumbnailSpec build() {
            if (width == 0) {
                throw new IllegalStateException("box(width, height) is required");
            }
            if (!format.isWritable()) {
                throw new IllegalStateException("no ImageIO writer for " + format + " (" + format.contentType()
                        + ") in this JVM; add one to the classpath or use JPEG or PNG");
            }
            return new ThumbnailSpec(this);
        }
    }
}
