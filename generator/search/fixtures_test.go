package search

// testDocs is a small site: three pages with several sections each, and
// single-section pages of every type.
var testDocs = []Doc{
	{URL: "moduly/wspolpraca-z-samorzadem/index.html", Title: "Współpraca z samorządem", Type: "module", Tags: []string{"samorząd"},
		Body: "Współpraca organizacji pozarządowych z samorządem lokalnym zaczyna się od rozmowy. Gmina może zlecić zadanie publiczne."},
	{URL: "moduly/wspolpraca-z-samorzadem/index.html", Anchor: "formy-wspolpracy", Title: "Współpraca z samorządem", Heading: "Formy współpracy", Type: "module", Tags: []string{"samorząd"},
		Body: "Formy finansowe i pozafinansowe. Umowa o wsparcie realizacji zadania, umowy partnerskie, konsultacje."},
	{URL: "moduly/wspolpraca-z-samorzadem/index.html", Anchor: "umowy", Title: "Współpraca z samorządem", Heading: "Umowy z gminą", Type: "module", Tags: []string{"samorząd"},
		Body: "Zanim podpiszesz umowę z gminą, sprawdź budżet i harmonogram. Wzory umów znajdziesz w załącznikach."},
	{URL: "moduly/partnerstwa-i-koalicje/index.html", Title: "Partnerstwa i koalicje", Type: "module", Tags: []string{"koalicje"},
		Body: "Koalicja organizacji pozarządowych działa skuteczniej niż każda z nich osobno."},
	{URL: "moduly/partnerstwa-i-koalicje/index.html", Anchor: "zalety", Title: "Partnerstwa i koalicje", Heading: "Zalety koalicji", Type: "module", Tags: []string{"koalicje"},
		Body: "Członkowie koalicji dzielą się zasobami. W koalicjach łatwiej o wpływ na decyzje."},
	{URL: "moduly/ambasadorzy/index.html", Title: "Ambasadorzy", Type: "module", Tags: []string{"komunikacja"},
		Body: "Ambasador marki opowiada o organizacji swoim sieciom."},
	{URL: "moduly/ambasadorzy/index.html", Anchor: "wybor", Title: "Ambasadorzy", Heading: "Wybór ambasadora projektu", Type: "module", Tags: []string{"komunikacja"},
		Body: "Szukaj ambasadorów wśród wolontariuszy i darczyńców. Dobry łącznik zna obie strony."},
	{URL: "przypadki/cresus-banque-postale/index.html", Title: "Crésus i Banque Postale", Type: "case", Tags: []string{"finanse"},
		Body: "Fundacja Crésus współpracuje z La Banque Postale przy pomocy dla zadłużonych gospodarstw domowych."},
	{URL: "przypadki/specialisterne/index.html", Title: "Specialisterne i SAP", Type: "case",
		Body: "Program zatrudnienia osób w spektrum autyzmu, wspierany przez badaczy z Collegium Civitas."},
	{URL: "cwiczenia/wybor-ambasadora/index.html", Title: "Ćwiczenie: wybór ambasadora", Type: "exercise",
		Body: "Który kandydat będzie najlepszym ambasadorem? Uzasadnij wybór."},
	{URL: "slownik/lacznik/index.html", Title: "Łącznik", Type: "term",
		Body: "Osoba, która łączy organizację z partnerem i dba o przepływ informacji."},
	{URL: "sciezki/pierwsze-partnerstwo/index.html", Title: "Pierwsze partnerstwo", Type: "path",
		Body: "Ścieżka: moduł o koalicjach, potem ćwiczenie."},
	{URL: "o-projekcie/index.html", Title: "O projekcie", Type: "page",
		Body: "Materiały szkoleniowe <razem> & \"partnerzy\" — wolne do użytku."},
}
