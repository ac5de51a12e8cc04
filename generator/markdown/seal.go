package markdown

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
)

// The learner edition must check answers in the browser, offline, from
// file:// and on plain-HTTP intranets (no secure context, so no
// crypto.subtle), without the answers being readable in the page. So a
// question carries a salted hash of its answer key, computed by the same
// small pure function here and in the theme's site.js (razemHash), and
// feedback and model answers are sealed: XORed with a key stream derived
// from the page's salt and base64-encoded. This keeps answers out of the
// HTML source, out of search and out of a casual look; it does not stop a
// determined learner, who can try every answer of a small question or run
// the script's decoder (DESIGN.md says so).

// AnswerHash is the hash the browser recomputes from a learner's answer:
// two FNV-1a passes with different seeds, each finished with murmur3's
// avalanche step, as 16 hex digits.
func AnswerHash(salt, key string) string {
	s := salt + "|" + key
	return hex32(fmix(fnv1a(s, 0x811c9dc5))) + hex32(fmix(fnv1a(s, 0x9747b28c)))
}

func fnv1a(s string, h uint32) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func fmix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

func hex32(h uint32) string {
	s := strconv.FormatUint(uint64(h), 16)
	return strings.Repeat("0", 8-len(s)) + s
}

// Seal obfuscates an HTML fragment for the learner edition (see above);
// site.js's unseal reverses it.
func Seal(salt, html string) string {
	return base64.StdEncoding.EncodeToString(xorStream(salt, []byte(html)))
}

// xorStream XORs b in place with a xorshift32 key stream seeded by the salt.
func xorStream(salt string, b []byte) []byte {
	x := fnv1a(salt, 0x811c9dc5) | 1
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] ^= byte(x)
	}
	return b
}

// sealAttr is the data-seal attribute of a sealed fragment: the salt the
// script needs, a colon, the sealed text.
func sealAttr(salt, html string) string { return salt + ":" + Seal(salt, html) }

// Unseal reverses Seal (tests use it to read what the browser would).
func Unseal(salt, sealed string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return "", err
	}
	return string(xorStream(salt, b)), nil
}

// docSalt is a page's salt: stable across builds (output is
// deterministic), different for every page, so equal answers on two pages
// hash differently.
func docSalt(file string) string {
	sum := sha256.Sum256([]byte(file))
	return hex.EncodeToString(sum[:4])
}

// shuffle returns a stable permutation of 0..n-1 for a salt: the order in
// which options of an ordering or matching question are shown. It is never
// the identity for n ≥ 2, so the written order never shows through.
func shuffle(salt string, n int) []int {
	idx := make([]int, n)
	keys := make([]uint32, n)
	for i := range idx {
		idx[i] = i
		keys[i] = fmix(fnv1a(salt+"#"+strconv.Itoa(i), 0x811c9dc5))
	}
	// insertion sort: n is a handful of options
	for i := 1; i < n; i++ {
		for j := i; j > 0 && (keys[idx[j]] < keys[idx[j-1]] || keys[idx[j]] == keys[idx[j-1]] && idx[j] < idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	identity := true
	for i, v := range idx {
		identity = identity && i == v
	}
	if identity && n >= 2 {
		idx = append(idx[1:], idx[0])
	}
	return idx
}
