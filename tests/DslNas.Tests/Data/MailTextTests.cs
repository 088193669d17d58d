using System.Text;
using DslNas.Data.Corpora;

namespace DslNas.Tests.Data;

public sealed class MailTextTests
{
    private static string Extract(string message) => MailText.Extract(Encoding.Latin1.GetBytes(message.Replace("\n", "\r\n")));

    [Fact]
    public void Plain_text_keeps_subject_and_body_and_drops_headers()
    {
        var text = Extract("From: a@b.c\nSubject: Hello there\nX-Spam: no\n\nFirst line.\n\n\nSecond   line.\n");
        text.Should().Be("Hello there\nFirst line.\nSecond line.");
    }

    [Fact]
    public void Quoted_printable_html_is_decoded_and_stripped()
    {
        var text = Extract("Subject: Offer\nContent-Type: text/html; charset=\"iso-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\n" +
                           "<html><style>p {color: red}</style><P align=3Dleft>Save 70% caf=E9 &amp; more=\n today</P><script>x()</script></html>\n");
        text.Should().Be("Offer\nSave 70% café & more today");
    }

    [Fact]
    public void Multipart_alternative_prefers_the_plain_part_and_base64_is_decoded()
    {
        var plain = Convert.ToBase64String(Encoding.UTF8.GetBytes("Grüße aus Köln"));
        var text = Extract("Subject: =?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Grüße")) + "?=\n" +
                           "Content-Type: multipart/alternative; boundary=\"XYZ\"\n\npreamble\n--XYZ\n" +
                           "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + plain + "\n--XYZ\n" +
                           "Content-Type: text/html\n\n<b>ignored html</b>\n--XYZ--\nepilogue\n");
        text.Should().Be("Grüße\nGrüße aus Köln");
    }

    [Fact]
    public void Nested_multipart_mixed_collects_text_parts_and_skips_attachments()
    {
        var text = Extract("Subject: Report\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\n" +
                           "Content-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain\n\nSee attached.\n--inner--\n" +
                           "--outer\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQ=\n--outer\n" +
                           "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\nPrice: =80100 =96 today\n--outer--\n");
        text.Should().Be("Report\nSee attached.\nPrice: €100 – today");
    }
}
