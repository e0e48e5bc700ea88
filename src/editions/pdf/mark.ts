/** The PDF's `Creator` (document information and XMP): the mark of a PDF edition citeproof wrote. */
export const pdfCreator = 'citeproof';
