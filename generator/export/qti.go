package export

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/razem/razem/generator/markdown"
)

// QTI packs questions as QTI 2.1 items in an IMS content package: choice,
// match, order, text-entry (blanks, numbers) and extended-text (open)
// interactions, scored by the standard templates or, for blanks and
// numbers, by response processing of their own. Option feedback is not
// carried over (QTI needs an outcome per feedback); model answers go in a
// rubric block for scorers.
func QTI(qs []Question) ([]byte, error) {
	var files []File
	var res strings.Builder
	for i, q := range qs {
		id := fmt.Sprintf("item-%d", i+1)
		item := qtiItem(id, q)
		name := "items/" + id + ".xml"
		files = append(files, File{Path: name, Data: []byte(item)})
		res.WriteString(`<resource identifier="` + id + `" type="imsqti_item_xmlv2p1" href="` + name + `"><metadata><imsmd:lom><imsmd:general><imsmd:title><imsmd:string>` +
			xmlText(q.Title) + `</imsmd:string></imsmd:title></imsmd:general></imsmd:lom></metadata><file href="` + name + `"/></resource>` + "\n")
	}
	manifest := `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="razem-qti" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd http://ltsc.ieee.org/xsd/LOM http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd">
<metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>
<organizations/>
<resources>
` + res.String() + "</resources>\n</manifest>\n"
	files = append(files, File{Path: "imsmanifest.xml", Data: []byte(manifest)})
	return Zip(files, "imsmanifest.xml")
}

func qtiItem(id string, q Question) string {
	var decl, body, proc strings.Builder
	template := "match_correct"
	choice := func(prefix string, i int) string { return prefix + strconv.Itoa(i+1) }
	switch q.Type {
	case markdown.Single, markdown.Multiple, markdown.TrueFalse:
		card, max := "single", "1"
		if q.Type == markdown.Multiple {
			card, max = "multiple", "0"
		}
		decl.WriteString(`<responseDeclaration identifier="RESPONSE" cardinality="` + card + `" baseType="identifier"><correctResponse>`)
		body.WriteString(`<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="` + max + `">`)
		for i, o := range q.Options {
			if o.Correct {
				decl.WriteString("<value>" + choice("C", i) + "</value>")
			}
			body.WriteString(`<simpleChoice identifier="` + choice("C", i) + `">` + o.HTML + "</simpleChoice>")
		}
		decl.WriteString("</correctResponse></responseDeclaration>\n")
		body.WriteString("</choiceInteraction>")
	case markdown.Matching:
		decl.WriteString(`<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair"><correctResponse>`)
		rights := map[string]int{}
		var order []string
		for _, p := range q.Pairs {
			if _, ok := rights[p.Right]; !ok {
				rights[p.Right] = len(order)
				order = append(order, p.Right)
			}
		}
		body.WriteString(`<matchInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="` + strconv.Itoa(len(q.Pairs)) + `"><simpleMatchSet>`)
		for i, p := range q.Pairs {
			decl.WriteString("<value>" + choice("L", i) + " " + choice("R", rights[p.Right]) + "</value>")
			body.WriteString(`<simpleAssociableChoice identifier="` + choice("L", i) + `" matchMax="1">` + p.LeftHTML + "</simpleAssociableChoice>")
		}
		body.WriteString("</simpleMatchSet><simpleMatchSet>")
		for i, r := range order {
			body.WriteString(`<simpleAssociableChoice identifier="` + choice("R", i) + `" matchMax="` + strconv.Itoa(len(q.Pairs)) + `">` + xmlText(r) + "</simpleAssociableChoice>")
		}
		body.WriteString("</simpleMatchSet></matchInteraction>")
		decl.WriteString("</correctResponse></responseDeclaration>\n")
	case markdown.Ordering:
		decl.WriteString(`<responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier"><correctResponse>`)
		body.WriteString(`<orderInteraction responseIdentifier="RESPONSE" shuffle="true">`)
		for i, it := range q.Order {
			decl.WriteString("<value>" + choice("O", i) + "</value>")
			body.WriteString(`<simpleChoice identifier="` + choice("O", i) + `">` + it + "</simpleChoice>")
		}
		decl.WriteString("</correctResponse></responseDeclaration>\n")
		body.WriteString("</orderInteraction>")
	case markdown.Blanks:
		template = ""
		parts := blankParts(q.text(), len(q.Blanks))
		proc.WriteString(`<responseProcessing><setOutcomeValue identifier="SCORE"><sum>`)
		for i, answers := range q.Blanks {
			r := "RESPONSE" + strconv.Itoa(i+1)
			decl.WriteString(`<responseDeclaration identifier="` + r + `" cardinality="single" baseType="string"><correctResponse><value>` + xmlText(answers[0]) +
				`</value></correctResponse><mapping defaultValue="0">`)
			for _, a := range answers {
				decl.WriteString(`<mapEntry mapKey="` + xmlAttr(a) + `" mappedValue="1" caseSensitive="false"/>`)
			}
			decl.WriteString("</mapping></responseDeclaration>\n")
			proc.WriteString(`<mapResponse identifier="` + r + `"/>`)
		}
		proc.WriteString("</sum></setOutcomeValue></responseProcessing>")
		var b strings.Builder
		for i, p := range parts {
			b.WriteString(p)
			if i < len(q.Blanks) {
				b.WriteString(`<textEntryInteraction responseIdentifier="RESPONSE` + strconv.Itoa(i+1) + `" expectedLength="15"/>`)
			}
		}
		return qtiDocument(id, q, decl.String(), b.String(), proc.String())
	case markdown.Numeric:
		template = ""
		decl.WriteString(`<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float"><correctResponse><value>` + num(q.Number) + "</value></correctResponse></responseDeclaration>\n")
		body.WriteString(`<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="10"/></p>`)
		mode := `toleranceMode="exact"`
		if q.Tolerance > 0 {
			mode = `toleranceMode="absolute" tolerance="` + num(q.Tolerance) + " " + num(q.Tolerance) + `"`
		}
		proc.WriteString(`<responseProcessing><responseCondition><responseIf><equal ` + mode + `><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></equal>` +
			`<setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf></responseCondition></responseProcessing>`)
	case markdown.Open:
		template = ""
		decl.WriteString(`<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>` + "\n")
		body.WriteString(`<extendedTextInteraction responseIdentifier="RESPONSE" expectedLines="10"/>`)
		if q.Answer != "" {
			body.WriteString(`<rubricBlock view="scorer">` + q.Answer + "</rubricBlock>")
		}
	}
	if template != "" {
		proc.WriteString(`<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/` + template + `"/>`)
	}
	return qtiDocument(id, q, decl.String(), q.text()+body.String(), proc.String())
}

func qtiDocument(id string, q Question, decl, body, proc string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd" identifier="` +
		id + `" title="` + xmlAttr(q.Title) + `" adaptive="false" timeDependent="false">
` + decl + `<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
<itemBody>` + body + `</itemBody>
` + proc + "\n</assessmentItem>\n"
}
