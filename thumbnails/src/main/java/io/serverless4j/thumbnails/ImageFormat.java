/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/** An input format this module decodes, recognised from the file's first bytes (never from its name). */
public enum ImageFormat {
    /** JPEG: baseline and progressive Huffman, 8-bit, decoded at reduced scale by our own decoder. */
    JPEG,
    /** PNG: any bit depth, palette, alpha, interlaced; decoded a row at a time by our own decoder. */
    PNG,
    /** GIF: the first frame (decoded with ImageIO). */
    GIF,
    /** BMP (decoded with ImageIO). */
    BMP,
    /** WebP, lossy and lossless: decoded with an ImageIO WebP reader, when one is on the classpath. */
    WEBP
}
