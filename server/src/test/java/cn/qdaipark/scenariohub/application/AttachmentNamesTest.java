package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attachment file names: sanitised on upload, encoded per RFC 5987 on download")
class AttachmentNamesTest {
  @Test
  @DisplayName("a declared name loses its path, control and quoting characters, and ends in .pdf")
  void sanitised() {
    assertThat(PdfUpload.fileName("../../etc/passwd")).isEqualTo("passwd.pdf");
    assertThat(PdfUpload.fileName("C:\\Users\\张三\\方案.PDF")).isEqualTo("方案.PDF");
    assertThat(PdfUpload.fileName("报告\"<1>\n\t.pdf")).isEqualTo("报告1.pdf");
    assertThat(PdfUpload.fileName("   ")).isEqualTo("attachment.pdf");
    assertThat(PdfUpload.fileName(null)).isEqualTo("attachment.pdf");
  }

  @Test
  @DisplayName("a long name is cut to 200 characters, counting code points, keeping its .pdf")
  void cutToTwoHundred() {
    String name = PdfUpload.fileName("😀".repeat(300) + ".pdf");
    assertThat(name.codePointCount(0, name.length())).isEqualTo(PdfUpload.MAX_NAME);
    assertThat(name).endsWith("😀.pdf");
  }

  @Test
  @DisplayName("the download names the file in ASCII for old clients and in UTF-8 percent-encoding for the rest")
  void contentDisposition() {
    assertThat(AttachmentRoutes.contentDisposition("plan-v1.pdf"))
        .isEqualTo("attachment; filename=\"plan-v1.pdf\"; filename*=UTF-8''plan-v1.pdf");
    assertThat(AttachmentRoutes.contentDisposition("方案 (最终)*.pdf"))
        .isEqualTo("attachment; filename=\"__ (__)*.pdf\"; filename*=UTF-8''%E6%96%B9%E6%A1%88%20%28%E6%9C%80%E7%BB%88%29%2A.pdf");
  }
}
