/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {

    private Ports() {}

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may still take it before we bind, so
     * callers that start a child process retry with a new port when it reports the address in use.
     *
     * @return a free port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Whether nothing listens on {@code port} of 127.0.0.1 and we could bind it.
     *
     * @param port the port
     * @return true when it is free
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code preferred} when it is 0 (any port) or free, otherwise a free port.
     *
     * @param preferred the port asked for, or 0
     * @return the port to use (0 means: let the server choose)
     */
    public static int preferredOrFree(int preferred) {
        if (preferred == 0 || isFree(preferred)) {
            return preferred;
        }
        return freePort();
    }

    /**
     * Whether something accepts TCP connections on {@code port} of 127.0.0.1.
     *
     * @param port the port
     * @return true when a connection succeeded
     */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
