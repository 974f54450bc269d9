/** Writes a handshake (or any redirect) to a Node ServerResponse-like object. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: string): unknown;
}

export function sendNodeResponse(res: NodeResponseLike, status: number, headers: Headers, body?: string): void {
  const cookies = headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  res.statusCode = status;
  res.end(body);
}
