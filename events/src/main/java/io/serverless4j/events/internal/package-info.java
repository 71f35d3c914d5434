/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Implementation of the events module: the shared {@code ObjectMapper}, timestamp codecs, error translation and
 * response helpers. Not part of the public API; free to change in any release.
 */
package io.serverless4j.events.internal;
