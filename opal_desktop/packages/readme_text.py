"""README.txt inside the ZIP: what each file is, and how to check the package with standard tools.

Plain text, CRLF line ends (Notepad on older Windows), numbered steps a recipient can follow
without Opal Desktop: openssl for the signature, sha256sum for the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.packages.model import DRAFT_WATERMARK


@dataclass(frozen=True)
class ReadmeFacts:
    reference: str
    title: str
    marking: str
    draft: bool
    signer_subject: str
    signer_fingerprint: str  # SHA-256 of the certificate, hex
    has_report: bool
    incidents: int
    exhibits: int


def readme_text(f: ReadmeFacts) -> bytes:
    folder = f.reference + ("-DRAFT" if f.draft else "")
    lines = [
        f"{f.marking}",
        "",
        f"Intelligence package {f.reference}: {f.title}",
        *([f"*** {DRAFT_WATERMARK} ***", ""] if f.draft else [""]),
        f"Made with Opal Desktop. {f.incidents} incident(s), {f.exhibits} exhibit file(s).",
        "Signed by: " + f.signer_subject,
        "Certificate SHA-256 fingerprint:",
        "  " + colon_pairs(f.signer_fingerprint),
        "",
        "WHAT IS IN THIS PACKAGE",
        "  README.txt              this file",
        "  package.json            all the package data (UTF-8 JSON): grading, marking, submitter,",
        "                          incidents, exhibits with their SHA-256, subjects, vehicles, links,",
        "                          with UUIDs and versions for loading into other systems.",
        "                          Its JSON Schema is package.schema.json in Opal Desktop's repository.",
        "  incidents.csv           one row per incident (UTF-8 with BOM). Text cells that began with",
        "                          = + - @, a tab or a carriage return have an apostrophe (') put in",
        "                          front so a spreadsheet cannot run them as formulas; package.json",
        "                          holds the exact values.",
        "  continuity-statements.txt  a witness statement (exhibits and continuity) for each person",
        "                          who produced the stills, to print and sign by hand",
    ]
    if f.has_report:
        lines += ["  report.pdf              the printable report, signed as a PDF (PAdES)"]
    lines += [
        "  exhibits/masters/       CCTV stills exactly as imported (bit-for-bit originals)",
        "  exhibits/redacted/      redacted working copies; package.json says which master each",
        "                          came from",
        "  META-INF/SHA256SUMS     the SHA-256 of every other file, one '<sha256>  <path>' a line",
        "  META-INF/SHA256SUMS.p7s the sender's signature over SHA256SUMS (detached CMS, DER),",
        "                          with the sender's certificate inside",
        "",
        "HOW TO CHECK WHO SIGNED IT AND THAT NOTHING CHANGED (Linux or macOS, in a terminal)",
        "Type each command as shown (any POSIX shell: sh, bash, zsh). Windows: see below.",
        "1. Get the sender's certificate by a separate route (not with this package), save it",
        f"   as cert.pem in the folder that holds {folder}.zip, go to that folder, and check the",
        "   certificate's fingerprint with the sender over the phone:",
        "     openssl x509 -in cert.pem -noout -fingerprint -sha256",
        "   It should be the fingerprint shown above.",
        "2. Unzip the package into a new, empty folder and go into it:",
        f"     unzip {folder}.zip -d {folder}",
        f"     cd {folder}",
        "3. Check the signature over the list of hashes:",
        "     openssl cms -verify -binary -inform DER -in META-INF/SHA256SUMS.p7s \\",
        "       -content META-INF/SHA256SUMS -CAfile ../cert.pem -out /dev/null",
        "   It must print 'CMS Verification successful'. Anything else: do not rely on the",
        "   package; contact the sender.",
        "4. Check every file against the list (macOS: shasum -a 256 -c instead of sha256sum -c):",
        "     sha256sum -c META-INF/SHA256SUMS",
        "   Every line must end ': OK'.",
        "5. Check that there are no files the list does not name (nothing added). The last",
        "   command must print nothing:",
        "     sed 's/^[0-9a-f]*  //' META-INF/SHA256SUMS | sort > ../listed.txt",
        "     find . -type f ! -path './META-INF/*' | sed 's|^\\./||' | sort | diff ../listed.txt -",
        "",
        "ON WINDOWS (PowerShell), in the folder that holds the ZIP and cert.pem:",
        "  Fingerprint (step 1):  certutil -dump cert.pem   (the 'Cert Hash(sha256)' line)",
        f"  Unzip (step 2):        Expand-Archive {folder}.zip {folder}; cd {folder}",
        "  Signature (step 3):    the openssl command above, with the openssl that comes with",
        "                         Git for Windows (C:\\Program Files\\Git\\usr\\bin\\openssl.exe)",
        "  Files (steps 4 and 5): this prints nothing when every file matches and none is added:",
        "    $list = Get-Content META-INF\\SHA256SUMS | ForEach-Object { $h, $p = $_ -split '  ', 2; [pscustomobject]@{h=$h; p=$p} }",
        '    $list | Where-Object { (Get-FileHash -Algorithm SHA256 -LiteralPath $_.p).Hash -ne $_.h } | ForEach-Object { "CHANGED: $($_.p)" }',
        "    Get-ChildItem -Recurse -File | Where-Object { $_.FullName -notmatch '\\\\META-INF\\\\' } | ForEach-Object { $_.FullName.Substring($PWD.Path.Length + 1).Replace('\\', '/') } | Where-Object { $_ -notin $list.p } | ForEach-Object { \"ADDED: $_\" }",
        "",
    ]
    step = 6
    lines += ["MORE"]
    if f.has_report:
        lines += [
            f"{step}. The PDF carries its own signature: open report.pdf in Adobe Acrobat Reader",
            "   (trust cert.pem there once), or run: pdfsig report.pdf",
        ]
        step += 1
    lines += [
        f"{step}. If you received {folder}.zip.p7m (encrypted to your certificate), decrypt it first:",
        f"     openssl cms -decrypt -inform DER -in {folder}.zip.p7m -recip your-cert.pem \\",
        f"       -inkey your-key.pem -out {folder}.zip",
        "   then follow steps 2 to 5.",
        "",
        "Opal Desktop does all of this in one go: opal-desktop verify FILE --trust cert.pem",
        "",
        f"{f.marking}",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
