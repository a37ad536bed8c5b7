"""Build the small seeds of the package and ingest fuzz targets from the two fixture editions.

    python3 fuzz/seeds/make_seeds.py

docx/edition-*.docx: an edition cut to its front matter, a few rows of the Section I matrix
and two or three Section II resolutions; docx/minimal.docx: a hand-made package with one
resolution (heading, hyperlink, field, tracked change, action table); xml/*.xml: document.xml
of some of them, uncompressed, for the ingest target's raw-XML mode. Deterministic: the same
fixtures give the same bytes.
"""
import io, os, re, zipfile

def zinfo(name):
    """A deflated entry with a fixed timestamp, so the seeds are byte-for-byte reproducible."""
    info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info

def para_start(d, i):
    return max(d.rfind('<w:p ', 0, i), d.rfind('<w:p>', 0, i))

def trim(src, dst, keep_res, keep_rows=4, keep_front=True):
    zin = zipfile.ZipFile(src)
    d = zin.read('word/document.xml').decode('utf-8')
    heads = [(m.group(1), para_start(d, m.start())) for m in
             re.finditer(r'w:pStyle w:val="(Heading1|Heading2)"', d)]
    h1 = [p for k, p in heads if k == 'Heading1']
    h2 = [p for k, p in heads if k == 'Heading2']
    body = d.find('<w:body>') + len('<w:body>')
    sect = d.rfind('<w:sectPr')
    out = [d[:body]]
    if keep_front:
        out.append(d[body:h1[0]])
    # Section I: keep header rows and a few rows of the summary matrix
    sec1 = d[h1[0]:h1[1]]
    t0 = sec1.find('<w:tbl>'); t1 = sec1.find('</w:tbl>')
    rows = [m.start() for m in re.finditer(r'<w:tr ', sec1[t0:t1])]
    keep_upto = rows[2 + keep_rows] if len(rows) > 2 + keep_rows else t1 - t0
    out.append(sec1[:t0 + keep_upto] + sec1[t1:])
    # Section II heading + chosen resolutions
    out.append(d[h1[1]:h2[0]])
    bounds = h2 + [sect]
    for i in keep_res:
        out.append(d[bounds[i]:bounds[i + 1]])
    out.append(d[sect:])
    doc = ''.join(out)
    zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    for info in zin.infolist():
        if info.filename.startswith('docProps/') or info.filename.startswith('word/theme'):
            continue
        data = doc.encode('utf-8') if info.filename == 'word/document.xml' else zin.read(info.filename)
        zout.writestr(zinfo(info.filename), data)
    zout.close()

def minimal(dst):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.itu.int/pub/T-RES-T.1" TargetMode="External"/>'
             '</Relationships>')
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    def p(style, text):
        st = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ''
        return f'<w:p>{st}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    def cell(text, extra=''):
        return f'<w:tc><w:tcPr>{extra}</w:tcPr>{p(None, text)}</w:tc>'
    table = ('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
             '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + ''.join(cell(t) for t in
             ['Action Item', 'Action', 'Milestone', 'Periodic goals met', 'Completed']) + '</w:tr>'
             '<w:tr>' + ''.join(cell(t) for t in ['1.1', 'Do it', 'WTSA-24', '\u221a', '']) + '</w:tr>'
             '<w:tr>' + cell('', '<w:vMerge/>') + cell('Ongoing.', '<w:gridSpan w:val="4"/>') + '</w:tr>'
             '</w:tbl>')
    link = ('<w:p><w:hyperlink r:id="rId5"><w:r><w:t>Resolution 1</w:t></w:r></w:hyperlink>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    ins = '<w:p><w:ins w:id="1" w:author="x"><w:r><w:t>inserted</w:t></w:r></w:ins><w:del w:id="2" w:author="x"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>'
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
           + p('Title', 'Action Plan') + p('Heading1', 'Section II - Progress reports')
           + p('Heading2', 'Resolution 1 - Rules of procedure') + p(None, 'resolves') + link + ins + table
           + '<w:sectPr/></w:body></w:document>')
    z = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
    z.writestr(zinfo('[Content_Types].xml'), ct)
    z.writestr(zinfo('_rels/.rels'), rels)
    z.writestr(zinfo('word/_rels/document.xml.rels'), drels)
    z.writestr(zinfo('word/document.xml'), doc)
    z.close()

def raw_xml(src_docx, dst, keep_res, keep_rows):
    """The document.xml of a trimmed edition, uncompressed (the ingest target wraps it)."""
    buf = io.BytesIO()
    trim(src_docx, buf, keep_res, keep_rows=keep_rows, keep_front=False)
    open(dst, 'wb').write(zipfile.ZipFile(buf).read('word/document.xml'))

here = os.path.dirname(os.path.abspath(__file__))
fx = os.path.join(here, '..', '..', 'fixtures')
out, xml_out = os.path.join(here, 'docx'), os.path.join(here, 'xml')
trim(f'{fx}/action-plan-edition-a.docx', f'{out}/edition-a-mini.docx', [0, 1, 2])
trim(f'{fx}/action-plan-edition-a.docx', f'{out}/edition-a-two-sections.docx', [3, 4], keep_rows=1, keep_front=False)
trim(f'{fx}/action-plan-edition-b.docx', f'{out}/edition-b-mini.docx', [1, 5], keep_rows=2, keep_front=False)
minimal(f'{out}/minimal.docx')

raw_xml(f'{fx}/action-plan-edition-a.docx', f'{xml_out}/edition-a-res11.xml', [3], 1)
open(f'{xml_out}/minimal.xml', 'wb').write(zipfile.ZipFile(f'{out}/minimal.docx').read('word/document.xml'))
