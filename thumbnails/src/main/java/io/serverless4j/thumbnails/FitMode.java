/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

/** How a thumbnail fits its box. */
public enum FitMode {
    /** Keep the aspect ratio and fit inside the box; one side may be shorter. Never enlarges the image. */
    INSIDE,
    /** Keep the aspect ratio, fill the box exactly and crop the overflow around the centre. */
    COVER,
    /** Fill the box exactly, stretching the image if the aspect ratios differ. */
    EXACT
}
