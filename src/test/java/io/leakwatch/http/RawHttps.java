package io.leakwatch.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * Sends a request line exactly as written (no client-side normalisation of {@code ..} or
 * percent-encoding, which is what traversal tests need) over TLS or plain TCP.
 */
public final class RawHttps {

    /** Status code and body of a response. */
    public record Response(int status, String headers, String body) {
    }

    private final SSLContext tls;
    private final int port;

    /** {@code tls} null for plain HTTP. */
    public RawHttps(SSLContext tls, int port) {
        this.tls = tls;
        this.port = port;
    }

    public Response get(String rawPath, String user, String password) throws IOException {
        try (Socket socket = tls == null ? new Socket("127.0.0.1", port)
                : tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            if (user != null) {
                String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                request.append("Authorization: Basic ").append(token).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
            int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
            return new Response(status, head, body);
        }
    }
}
