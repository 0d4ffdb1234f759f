package cn.qdaipark.scenariohub.guide;

import cn.qdaipark.scenariohub.conversation.ContactDetails;
import io.vertx.core.buffer.Buffer;

/** What a call tells applicants besides its text: whom to ask, and its 申报指南 PDF (either may be missing). */
public record CallGuide(ContactDetails contact, String fileName, Integer sizeBytes) {
  public static final CallGuide NONE = new CallGuide(null, null, null);

  /** The guide's bytes, for a download. */
  public record File(String fileName, String sha256, Buffer bytes) {
  }
}
