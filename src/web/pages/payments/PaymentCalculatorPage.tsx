/** PaymentCalculatorPage (being written). */
export default function PaymentCalculatorPage() {
  return null;
}
