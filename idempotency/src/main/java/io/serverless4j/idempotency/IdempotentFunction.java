/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Function;

/**
 * A function made idempotent by {@link Idempotency#decorate(KeyExtractor, Class, Function)}. Call
 * {@link #apply(Object, Context)} from a Lambda handler so that the lock lasts exactly as long as the invocation;
 * {@link #apply(Object)} uses the {@link Idempotency}'s default remaining time instead.
 *
 * <p>Thread-safe when the decorated function is.
 *
 * @param <I> the input (payload) type
 * @param <O> the result type
 */
@FunctionalInterface
public interface IdempotentFunction<I, O> extends Function<I, O> {

    /**
     * Runs the function at most once per key and expiry window (see {@link Idempotency}).
     *
     * @param input the payload; the key is extracted from it
     * @param context the Lambda context, or null outside Lambda
     * @return the function's result, or the stored result of the first call with the same key
     * @throws IdempotencyException as described by
     *     {@link Idempotency#execute(Object, Object, Context, Class, io.serverless4j.core.CheckedSupplier)}
     */
    O apply(I input, Context context);

    /**
     * Same as {@code apply(input, null)}.
     *
     * @param input the payload
     * @return the result
     * @throws IdempotencyException as for {@link #apply(Object, Context)}
     */
    @Override
    default O apply(I input) {
        return apply(input, null);
    }
}
