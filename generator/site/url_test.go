package site

import "testing"

func TestURLFor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"index.md", "index.html"},
		{"o-projekcie.md", "o-projekcie/index.html"},
		{"moduly/ambasadorzy.md", "moduly/ambasadorzy/index.html"},
		{"moduly/index.md", "moduly/index.html"},
		{"moduly/Współpraca z JST.md", "moduly/wspolpraca-z-jst/index.html"},
		{"przypadki/1-roof-2-ages.md", "przypadki/1-roof-2-ages/index.html"},
		{"pl/best-practices.md", "pl/best-practices/index.html"},
	}
	for _, tt := range tests {
		if got := URLFor(tt.in); got != tt.want {
			t.Errorf("URLFor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "moduly/a/index.html", "moduly/a/index.html"},
		{"moduly/a/index.html", "moduly/b/index.html", "../b/index.html"},
		{"moduly/a/index.html", "przypadki/c/index.html", "../../przypadki/c/index.html"},
		{"moduly/a/index.html", "index.html", "../../index.html"},
		{"moduly/index.html", "moduly/a/index.html", "a/index.html"},
		{"moduly/a/index.html", "moduly/a/index.html", "index.html"},
		{"moduly/a/index.html", "images/x.svg", "../../images/x.svg"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{{"index.html", ""}, {"a/index.html", "../"}, {"a/b/index.html", "../../"}} {
		if got := RootOf(tt.in); got != tt.want {
			t.Errorf("RootOf(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
