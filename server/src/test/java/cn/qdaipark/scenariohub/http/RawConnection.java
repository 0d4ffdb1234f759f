package cn.qdaipark.scenariohub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain TCP connection to the server, to send requests byte by byte and see when and how the server answers. */
public final class RawConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private boolean closedByServer;

  public RawConnection(String base) {
    try {
      java.net.URI uri = java.net.URI.create(base);
      socket = new Socket(uri.getHost(), uri.getPort());
      socket.setSoTimeout(50);
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends text; false when the server has closed or reset the connection. */
  public boolean send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public boolean send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      closedByServer = true;
      return false;
    }
  }

  /** Reads what has arrived within {@code wait}; answers whether the server closed the connection meanwhile. */
  public boolean closedWithin(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    byte[] buffer = new byte[8192];
    while (!closedByServer && System.nanoTime() < end) {
      try {
        int n = in.read(buffer);
        if (n < 0) {
          closedByServer = true;
        } else {
          received.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // nothing yet
      } catch (IOException e) {
        closedByServer = true;
      }
    }
    return closedByServer;
  }

  /** Waits until the received text contains {@code marker} or the wait is over; answers what arrived. */
  public String awaitText(String marker, Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    while (!received().contains(marker) && !closedByServer && System.nanoTime() < end) {
      closedWithin(Duration.ofMillis(50));
    }
    return received();
  }

  public String received() {
    return received.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the server may have closed already
    }
  }
}
