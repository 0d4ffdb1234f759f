package cn.qdaipark.scenariohub.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qdaipark.scenariohub.http.ApiException;
import cn.qdaipark.scenariohub.validation.UploadName;
import java.util.List;
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
  @DisplayName("a name that hides or reorders what it shows is refused; a look-alike name is stored NFKC-normalised")
  void lookAlikeNames() {
    for (String hiding : List.of("invoice\u202Efdp.exe", "报告\u2067.pdf", "方案\u200B.pdf", "\u200B\uFEFF.pdf",
        "方案\u00AD一.pdf", "\u3164.pdf")) {
      assertThatThrownBy(() -> PdfUpload.fileName(hiding)).as(hiding).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.toJson().getJsonObject("error").getJsonObject("fields").getString("file")).startsWith("文件名"));
    }
    assertThat(PdfUpload.fileName("方案（最终版）\u3000ＡＢ.ＰＤＦ")).isEqualTo("方案(最终版) AB.PDF");
  }

  @Test
  @DisplayName("a long name is cut to 200 characters, counting code points, keeping its .pdf")
  void cutToTwoHundred() {
    String name = PdfUpload.fileName("😀".repeat(300) + ".pdf");
    assertThat(name.codePointCount(0, name.length())).isEqualTo(UploadName.MAX_LENGTH);
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
