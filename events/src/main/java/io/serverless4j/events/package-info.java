/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Typed, immutable AWS Lambda events: {@link io.serverless4j.events.Events} parses and writes them, the
 * sub-packages hold one package per event source, and {@link io.serverless4j.events.EventHandler} is a Lambda
 * handler base that uses them without the runtime's serializer.
 */
package io.serverless4j.events;
