// Trend pen colours: dark, muted and distinct, none of them an alarm colour (red, amber, yellow, magenta).
export const penColours = ['#1f3f77', '#2f6b33', '#6b4a1e', '#4b3f8f', '#1c6a70', '#222222', '#6a6a2a', '#7a3f5e'] as const;

export function penColour(index: number): string {
  return penColours[index % penColours.length]!;
}
